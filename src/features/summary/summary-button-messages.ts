// The Summary button's words, apart from the summary's own catalogue: the button is on the first
// screen, the summary (and its catalogue) is a chunk fetched when it opens.
import { defineMessages } from '@/lib/i18n/define-messages';

export const summaryButtonMessages = defineMessages(
  { summary: 'Summary', computing: 'Computing…' },
  {
    es: { summary: 'Resumen', computing: 'Calculando…' },
    pt: { summary: 'Resumo', computing: 'Calculando…' },
  },
);
