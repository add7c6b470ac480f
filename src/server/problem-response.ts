// Every refusal and upstream failure leaves the server as application/problem+json, the shape Kommo
// itself uses, so the browser's fetch layer has one error format to read.

export type ProblemInit = {
  status: number;
  title: string;
  detail: string;
  /** Extra response headers, e.g. Allow or Retry-After. */
  headers?: Record<string, string>;
  /** Extra members, e.g. retry_after. */
  extra?: Record<string, unknown>;
};

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  414: 'URI Too Long',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The usual reason phrase for a status, or a generic one. */
export function statusTitle(status: number): string {
  return STATUS_TITLES[status] ?? (status >= 500 ? 'Upstream Error' : 'Request Error');
}

export function problemResponse(init: ProblemInit): Response {
  const body = { type: 'about:blank', title: init.title, status: init.status, detail: init.detail, ...init.extra };
  return new Response(JSON.stringify(body), {
    status: init.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...init.headers },
  });
}
