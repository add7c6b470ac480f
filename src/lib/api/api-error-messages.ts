// A short sentence per ApiError kind, in every language, for features that report a failed walk or
// export in one line (the table has its own, longer messages with a countdown and what to do).
import { defineMessages } from '@/lib/i18n/define-messages';
import { useMessages } from '@/lib/i18n/language-context';
import { isApiError, type ApiErrorKind } from './api-error';

export const apiErrorMessages = defineMessages(
  {
    unauthorized: 'Kommo refused the token or this user’s rights (401).',
    'payment-required': 'The Kommo account is not paid (402).',
    forbidden: 'Kommo blocked the access (403); calls are stopped.',
    'not-found': 'Kommo does not know this address (404).',
    validation: 'Kommo refused the request (400).',
    'rate-limited': 'Too many requests (429); wait a moment and retry.',
    server: 'Kommo had an internal error; retry in a moment.',
    network: 'The server could not be reached; check the connection.',
    timeout: 'The request took too long; retry in a moment.',
    schema: 'Kommo answered with data this app cannot read.',
    aborted: 'The request was cancelled.',
    unknown: 'Something went wrong; retry in a moment.',
  },
  {
    es: {
      unauthorized: 'Kommo rechazó el token o los permisos de este usuario (401).',
      'payment-required': 'La cuenta de Kommo no está pagada (402).',
      forbidden: 'Kommo bloqueó el acceso (403); las llamadas se detuvieron.',
      'not-found': 'Kommo no conoce esta dirección (404).',
      validation: 'Kommo rechazó la solicitud (400).',
      'rate-limited': 'Demasiadas solicitudes (429); espera un momento y reintenta.',
      server: 'Kommo tuvo un error interno; reintenta en un momento.',
      network: 'No se pudo contactar con el servidor; revise la conexión.',
      timeout: 'La solicitud tardó demasiado; reintenta en un momento.',
      schema: 'Kommo respondió con datos que esta aplicación no puede leer.',
      aborted: 'La solicitud se canceló.',
      unknown: 'Algo salió mal; reintenta en un momento.',
    },
    pt: {
      unauthorized: 'O Kommo recusou o token ou as permissões deste usuário (401).',
      'payment-required': 'A conta do Kommo não está paga (402).',
      forbidden: 'O Kommo bloqueou o acesso (403); as chamadas foram interrompidas.',
      'not-found': 'O Kommo não conhece este endereço (404).',
      validation: 'O Kommo recusou a solicitação (400).',
      'rate-limited': 'Solicitações demais (429); aguarde um momento e tente de novo.',
      server: 'O Kommo teve um erro interno; tente de novo em instantes.',
      network: 'Não foi possível contatar o servidor; verifique a conexão.',
      timeout: 'A solicitação demorou demais; tente de novo em instantes.',
      schema: 'O Kommo respondeu com dados que este aplicativo não consegue ler.',
      aborted: 'A solicitação foi cancelada.',
      unknown: 'Algo deu errado; tente de novo em instantes.',
    },
  },
);

/** Returns a function giving the current language's sentence for any thrown value. */
export function useApiErrorText(): (error: unknown) => string {
  const t = useMessages(apiErrorMessages);
  return (error: unknown) => t(isApiError(error) ? (error.kind satisfies ApiErrorKind) : 'unknown');
}
