import { defineMessages } from '@/lib/i18n/define-messages';

export const uiMessages = defineMessages(
  {
    chunkLoading: 'Loading…',
    chunkFailed: 'This part of the dashboard could not be downloaded; check the connection.',
    chunkRetry: 'Try again',
  },
  {
    es: {
      chunkLoading: 'Cargando…',
      chunkFailed: 'No se pudo descargar esta parte del panel; revise la conexión.',
      chunkRetry: 'Reintentar',
    },
    pt: {
      chunkLoading: 'Carregando…',
      chunkFailed: 'Não foi possível baixar esta parte do painel; verifique a conexão.',
      chunkRetry: 'Tentar novamente',
    },
  },
);
