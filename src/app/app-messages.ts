import { defineMessages } from '../lib/i18n/define-messages';

export const appMessages = defineMessages(
  {
    productName: 'Kommo Leads Browser',
    modeDemo: 'Demo account',
    modeKommo: 'Kommo',
    language: 'Language',
    themeToLight: 'Switch to light theme',
    themeToDark: 'Switch to dark theme',
    filtersRegion: 'Filters',
    accountLabel: 'Account: {name}',
  },
  {
    es: {
      productName: 'Kommo Leads Browser',
      modeDemo: 'Cuenta de demostración',
      modeKommo: 'Kommo',
      language: 'Idioma',
      themeToLight: 'Cambiar al tema claro',
      themeToDark: 'Cambiar al tema oscuro',
      filtersRegion: 'Filtros',
      accountLabel: 'Cuenta: {name}',
    },
    pt: {
      productName: 'Kommo Leads Browser',
      modeDemo: 'Conta de demonstração',
      modeKommo: 'Kommo',
      language: 'Idioma',
      themeToLight: 'Mudar para o tema claro',
      themeToDark: 'Mudar para o tema escuro',
      filtersRegion: 'Filtros',
      accountLabel: 'Conta: {name}',
    },
  },
);
