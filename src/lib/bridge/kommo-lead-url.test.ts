import { describe, expect, it, vi } from 'vitest';
import { openLeadMessageSchema } from './bridge-protocol';
import { kommoLeadUrl, requestOpenLead } from './kommo-lead-url';

describe('kommoLeadUrl', () => {
  it('is the account origin’s /leads/detail/<id>, whatever path the base carries', () => {
    expect(kommoLeadUrl('https://acme.kommo.com', 42)).toBe('https://acme.kommo.com/leads/detail/42');
    expect(kommoLeadUrl('https://acme.amocrm.ru/some/path?x=1', 7)).toBe('https://acme.amocrm.ru/leads/detail/7');
  });

  it('gives no link for a non-http base or an impossible id', () => {
    expect(kommoLeadUrl('javascript:alert(1)', 42)).toBeNull();
    expect(kommoLeadUrl('not a url', 42)).toBeNull();
    expect(kommoLeadUrl('https://acme.kommo.com', 0)).toBeNull();
    expect(kommoLeadUrl('https://acme.kommo.com', 1.5)).toBeNull();
  });
});

describe('requestOpenLead', () => {
  it('posts a schema-valid open-lead message to the named parent origin only', () => {
    const postMessage = vi.fn();
    requestOpenLead({ postMessage } as unknown as Window, 'https://acme.kommo.com', 42);
    expect(postMessage).toHaveBeenCalledWith({ type: 'klb:open-lead', leadId: 42 }, 'https://acme.kommo.com');
    expect(openLeadMessageSchema.safeParse(postMessage.mock.calls[0]?.[0]).success).toBe(true);
    expect(openLeadMessageSchema.safeParse({ type: 'klb:open-lead', leadId: '42/../../logout' }).success).toBe(false);
  });
});
