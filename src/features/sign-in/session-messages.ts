import { defineMessages } from '@/lib/i18n/define-messages';

/** The header's few words about the session (the sign-in page's own catalogue is a lazy chunk). */
export const sessionMessages = defineMessages(
  {
    signedInAs: 'Signed in as {name}',
    signOut: 'Sign out',
    openInNewTab: 'Open in a new tab',
  },
  {
    es: { signedInAs: 'Sesión iniciada como {name}', signOut: 'Cerrar sesión', openInNewTab: 'Abrir en una pestaña nueva' },
    pt: { signedInAs: 'Conectado como {name}', signOut: 'Sair', openInNewTab: 'Abrir em nova aba' },
  },
);
