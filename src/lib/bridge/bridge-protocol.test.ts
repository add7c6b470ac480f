import { describe, expect, it } from 'vitest';
import { frameMessageSchema, parentMessageSchema } from './bridge-protocol';

const context = {
  type: 'klb:context',
  version: 1,
  account: { id: 1, subdomain: 'acme', currency: 'USD', timezone: 'America/Sao_Paulo' },
  user: { id: 7, name: 'Ana' },
  lang: 'pt',
};

describe('bridge protocol schemas', () => {
  it('accepts every parent message', () => {
    expect(parentMessageSchema.parse(context)).toMatchObject({ type: 'klb:context', lang: 'pt' });
    expect(parentMessageSchema.parse({ type: 'klb:response', id: 'a1b2c3d4-0000', status: 204, headers: {}, body: '' })).toMatchObject({
      status: 204,
    });
    expect(parentMessageSchema.parse({ type: 'klb:error', id: 'a1b2c3d4-0000', reason: 'network' })).toMatchObject({ reason: 'network' });
  });

  it('tolerates odd account extras but not a missing user', () => {
    expect(parentMessageSchema.parse({ ...context, account: { ...context.account, currency: 42 } })).toMatchObject({
      account: { currency: null },
    });
    expect(parentMessageSchema.safeParse({ ...context, user: undefined }).success).toBe(false);
  });

  it('accepts every frame message and refuses extras on them', () => {
    expect(frameMessageSchema.parse({ type: 'klb:hello', version: 1 })).toEqual({ type: 'klb:hello', version: 1 });
    expect(frameMessageSchema.parse({ type: 'klb:request', id: 'a1b2c3d4', path: '/api/v4/leads', query: 'limit=1' })).toBeTruthy();
    expect(frameMessageSchema.parse({ type: 'klb:cancel', id: 'a1b2c3d4' })).toBeTruthy();
    expect(frameMessageSchema.parse({ type: 'klb:close' })).toEqual({ type: 'klb:close' });
    expect(frameMessageSchema.safeParse({ type: 'klb:close', href: 'https://evil.example/' }).success).toBe(false);
    expect(frameMessageSchema.safeParse({ type: 'klb:request', id: 'a1b2c3d4', path: '/api/v4/leads', query: '', method: 'POST' }).success).toBe(
      false,
    );
  });

  it('refuses malformed messages', () => {
    for (const bad of [
      null,
      42,
      'klb:hello',
      { type: 'klb:unknown' },
      { type: 'klb:request', id: 'x', path: '/api/v4/leads', query: '' },
      { type: 'klb:request', id: 'a1b2c3d4', path: '/oauth2/access_token', query: '' },
      { type: 'klb:request', id: 'a1b2c3d4', path: '/api/v4/leads', query: 'a=1#frag' },
      { type: 'klb:request', id: 'a1b2c3d4', path: '/api/v4/leads', query: '?a=1' },
    ]) {
      expect(frameMessageSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    for (const bad of [
      { type: 'klb:response', id: 'a1b2c3d4', status: 99, headers: {}, body: '' },
      { type: 'klb:response', id: 'a1b2c3d4', status: 200, headers: {}, body: null },
      { type: 'klb:response', id: 'a1b2c3d4', status: 200, body: '' },
      { type: 'klb:error', id: 'a1b2c3d4', reason: 'other' },
    ]) {
      expect(parentMessageSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
