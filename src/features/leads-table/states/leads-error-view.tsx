// One message per ApiError kind, with what to do and a retry. A 403 stops every call in the client
// until the user resumes here; a 429 shows a live countdown from the client's rateLimitedUntil.
import { Alert, Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { isApiError, type ApiError } from '@/lib/api/api-error';
import { useKommoClient, useKommoClientState } from '@/lib/api/kommo-client-context';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';

export type LeadsErrorViewProps = {
  error: unknown;
  onRetry: () => void;
  t: LeadsTableT;
  /** A later page failed: the loaded rows stay above, this sits below them. */
  laterPage?: boolean;
  /** When the error arrived, for a Retry-After without a client-wide deadline. */
  errorAt?: number;
};

export function errorMessage(error: ApiError, t: LeadsTableT, secondsLeft: number): string {
  switch (error.kind) {
    case 'unauthorized':
      return t('errorUnauthorized');
    case 'payment-required':
      return t('errorPaymentRequired');
    case 'forbidden':
      return error.refusal === 'missing-right' ? t('errorMissingRight') : t('errorForbidden');
    case 'rate-limited':
      return secondsLeft > 0 ? t('errorRateLimited', { seconds: secondsLeft }) : t('errorRateLimitedDone');
    case 'validation':
      return error.field ? t('errorValidationField', { field: error.field, detail: error.detail }) : t('errorValidation', { detail: error.detail });
    case 'not-found':
      return t('errorNotFound');
    case 'schema':
      return t('errorSchema', { field: error.field ?? '(root)' });
    case 'network':
      return t('errorNetwork');
    case 'timeout':
      return t('errorTimeout');
    case 'server':
      return t('errorServer', { status: error.status ?? 500 });
    case 'aborted':
      return t('errorAborted');
  }
}

function useSecondsUntil(deadline: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null || deadline <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline === null ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
}

export function LeadsErrorView({ error, onRetry, t, laterPage = false, errorAt }: LeadsErrorViewProps) {
  const client = useKommoClient();
  const clientState = useKommoClientState();
  const apiError = isApiError(error) ? error : null;
  const fallbackDeadline = apiError?.retryAfterMs != null && errorAt !== undefined ? errorAt + apiError.retryAfterMs : null;
  const deadline = apiError?.kind === 'rate-limited' ? (clientState.rateLimitedUntil ?? fallbackDeadline) : null;
  const secondsLeft = useSecondsUntil(deadline);
  // Only a block stops the client; a missing right is retried like any other refusal.
  const forbidden = (apiError?.kind === 'forbidden' && apiError.refusal === 'block') || clientState.blocked;
  const text = apiError ? errorMessage(apiError, t, secondsLeft) : t('errorNetwork');

  const handleRetry = () => {
    if (forbidden) client.unblock();
    onRetry();
  };

  return (
    <Alert color={apiError?.kind === 'rate-limited' ? 'yellow' : 'red'} title={laterPage ? t('errorLaterPage') : t('errorTitle')} role="alert" m="sm">
      <Text size="sm">{text}</Text>
      {apiError?.detail && apiError.kind !== 'validation' ? (
        <Text size="xs" mt={4}>
          {apiError.status ? `${apiError.status} · ` : ''}
          {apiError.detail}
          {apiError.traceId ? ` · ${t('errorTrace', { id: apiError.traceId })}` : ''}
        </Text>
      ) : null}
      <Group mt="sm">
        <Button size="xs" variant="filled" onClick={handleRetry} disabled={secondsLeft > 0}>
          {forbidden ? t('unblockRetry') : t('retry')}
        </Button>
      </Group>
    </Alert>
  );
}
