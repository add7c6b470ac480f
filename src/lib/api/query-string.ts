// Builds Kommo query strings for the simple endpoints with brackets kept literal, like
// encodeLeadsQuery does, so every request URL reads like the API documentation.
export type QueryParam = readonly [key: string, value: string | number];

export function encodeQueryParams(params: readonly QueryParam[]): string {
  return params
    .map(([key, value]) => {
      const k = encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
      const v = encodeURIComponent(String(value)).replace(/%2C/g, ',');
      return `${k}=${v}`;
    })
    .join('&');
}
