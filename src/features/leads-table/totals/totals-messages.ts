// The totals row's words: a catalogue of its own, inside the totals row's chunk.
import { defineMessages } from '@/lib/i18n/define-messages';

export const totalsMessages = defineMessages(
  {
    totalsTitle: 'Totals',
    totalsLoaded: 'Loaded: {count, plural, one {# lead} other {# leads}}',
    totalsWhole: 'Whole view: {count, plural, one {# lead} other {# leads}}',
    totalsAverage: 'avg {average}',
    totalsAverageOf: 'Sum {sum}; average over the {count, plural, one {# lead} other {# leads}} with a value',
    totalsNote: 'Sums of each column; an average counts only the leads with a value in its column.',
  },
  {
    es: {
      totalsTitle: 'Totales',
      totalsLoaded: 'Cargados: {count, plural, one {# lead} other {# leads}}',
      totalsWhole: 'Toda la vista: {count, plural, one {# lead} other {# leads}}',
      totalsAverage: 'media {average}',
      totalsAverageOf: 'Suma {sum}; media de {count, plural, one {el # lead} other {los # leads}} con valor',
      totalsNote: 'Sumas de cada columna; una media solo cuenta los leads con valor en su columna.',
    },
    pt: {
      totalsTitle: 'Totais',
      totalsLoaded: 'Carregados: {count, plural, one {# lead} other {# leads}}',
      totalsWhole: 'Visualização inteira: {count, plural, one {# lead} other {# leads}}',
      totalsAverage: 'média {average}',
      totalsAverageOf: 'Soma {sum}; média {count, plural, one {do # lead} other {dos # leads}} com valor',
      totalsNote: 'Somas de cada coluna; uma média conta só os leads com valor na sua coluna.',
    },
  },
);
