// The browser the frame benches drive: the tests' Chromium (playwright.config.ts) with the frame cap
// off, so a frame's time is the work it takes rather than the display's refresh.
import { chromiumLaunch } from '../playwright.config';

export const uncappedChromiumLaunch = {
  ...chromiumLaunch,
  args: [...chromiumLaunch.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'],
};
