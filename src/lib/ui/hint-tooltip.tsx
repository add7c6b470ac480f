// Mantine's Tooltip in a chunk of its own (with floating-ui's hover and dismiss interactions): see
// lazy-tooltip.tsx. The only module that imports Tooltip outside other lazy chunks.
import { Tooltip } from '@mantine/core';

export const HintTooltip = Tooltip;
