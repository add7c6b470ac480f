import { defineMessages } from '@/lib/i18n/define-messages';

export const appMessages = defineMessages(
  {
    productName: 'Kommo Leads Browser',
    language: 'Language',
    themeToLight: 'Switch to light theme',
    themeToDark: 'Switch to dark theme',
    filtersRegion: 'Filters',
  },
  {
    es: {
      productName: 'Kommo Leads Browser',
      language: 'Idioma',
      themeToLight: 'Cambiar al tema claro',
      themeToDark: 'Cambiar al tema oscuro',
      filtersRegion: 'Filtros',
    },
    pt: {
      productName: 'Kommo Leads Browser',
      language: 'Idioma',
      themeToLight: 'Mudar para o tema claro',
      themeToDark: 'Mudar para o tema escuro',
      filtersRegion: 'Filtros',
    },
  },
);
