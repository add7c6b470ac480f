// A tiny in-process client for the demo account's tests (app.request, parsed answers).
import type { Hono } from 'hono';

export type DemoAnswer = { status: number; headers: Headers; text: string; json: unknown };

export function createDemoTestClient(app: Hono, token: string) {
  return async function get(path: string, init: { headers?: Record<string, string>; method?: string; body?: string } = {}): Promise<DemoAnswer> {
    const res = await app.request(path, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${token}`, ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const text = await res.text();
    let json: unknown = null;
    const type = res.headers.get('Content-Type') ?? '';
    if (text && type.includes('json')) json = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, json };
  };
}
