import { describe, expect, it } from 'vitest';
import { createDemoData } from './demo-data';
import { DEMO_REFERENCE_TIME, DAY } from './demo-time';
import { LOST_STATUS_ID, WON_STATUS_ID } from './demo-reference';
import { UNSAFE_URLS } from './demo-custom-fields';

const data = createDemoData({ leads: 3000, seed: 1 });
const fieldsOf = (i: number) => data.leadCustomFields(data.leads[i]!) ?? [];
const allValues = data.leads.flatMap((l) => data.leadCustomFields(l) ?? []);

describe('demo data', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = createDemoData({ leads: 3000, seed: 1 });
    const other = createDemoData({ leads: 3000, seed: 2 });
    const snapshot = (d: typeof data) =>
      JSON.stringify([d.leads.slice(0, 200), d.users, d.pipelines, d.tags, d.deletedLeads, d.leadCustomFields(d.leads[7]!), d.contact(20_000_010)]);
    expect(snapshot(again)).toBe(snapshot(data));
    expect(snapshot(other)).not.toBe(snapshot(data));
  });

  it('has the account facts the product relies on', () => {
    expect(data.account).toMatchObject({ name: 'Demo Sales Co', subdomain: 'demo', currency: 'USD', currency_symbol: '$' });
    expect(data.datetimeSettings.timezone).toBe('America/Sao_Paulo');
  });

  it('has 3-5 pipelines of 5-9 coloured open stages, incoming first, and 142/143 in every one', () => {
    expect(data.pipelines.length).toBeGreaterThanOrEqual(3);
    expect(data.pipelines.length).toBeLessThanOrEqual(5);
    expect(data.pipelines.filter((p) => p.is_main)).toHaveLength(1);
    for (const p of data.pipelines) {
      const statuses = p._embedded.statuses;
      const open = statuses.filter((s) => s.id !== WON_STATUS_ID && s.id !== LOST_STATUS_ID);
      expect(open.length).toBeGreaterThanOrEqual(5);
      expect(open.length).toBeLessThanOrEqual(9);
      expect(statuses[0]!.type).toBe(1);
      expect(statuses.map((s) => s.id)).toEqual(expect.arrayContaining([WON_STATUS_ID, LOST_STATUS_ID]));
      for (const s of statuses) {
        expect(s.color).toMatch(/^#[0-9a-f]{6}$/);
        expect(s.pipeline_id).toBe(p.id);
      }
    }
  });

  it('has 20-40 users, some inactive, all in groups', () => {
    expect(data.users.length).toBeGreaterThanOrEqual(20);
    expect(data.users.length).toBeLessThanOrEqual(40);
    expect(data.users.some((u) => u.rights?.is_active === false)).toBe(true);
    const groupIds = new Set(data.groups.map((g) => g.id));
    for (const u of data.users) expect(groupIds.has(u.rights?.group_id ?? -1)).toBe(true);
  });

  it('names leads in English, Spanish and Portuguese', () => {
    const names = data.leads.map((l) => l.name).join('\n');
    expect(names).toMatch(/Annual subscription|Website redesign|Pilot project/);
    expect(names).toMatch(/Suscripción anual|Rediseño del sitio web|Proyecto piloto/);
    expect(names).toMatch(/Assinatura anual|Redesenho do site|Projeto piloto/);
  });

  it('closes won and lost leads, with loss reasons only on lost ones', () => {
    for (const l of data.leads) {
      const closed = l.status_id === WON_STATUS_ID || l.status_id === LOST_STATUS_ID;
      expect(l.closed_at !== null).toBe(closed);
      if (l.loss_reason_id !== null) expect(l.status_id).toBe(LOST_STATUS_ID);
      expect(l.created_at).toBeGreaterThan(DEMO_REFERENCE_TIME - 740 * DAY);
      expect(l.updated_at).toBeGreaterThanOrEqual(l.created_at);
      expect(l.updated_at).toBeLessThanOrEqual(DEMO_REFERENCE_TIME);
      if (l.closed_at !== null) expect(l.closed_at).toBeLessThanOrEqual(l.updated_at);
      expect(l.contactIds.length).toBeLessThanOrEqual(3);
    }
    expect(data.leads.some((l) => l.loss_reason_id !== null)).toBe(true);
    expect(data.leads.some((l) => l.closest_task_at !== null)).toBe(true);
    expect(data.leads.some((l) => l.score === null) && data.leads.some((l) => l.score !== null)).toBe(true);
    expect(data.leads.some((l) => l.is_price_modified_by_robot)).toBe(true);
    expect(data.leads.some((l) => l.catalogElements.length > 0)).toBe(true);
  });

  it('fills lead custom fields of every documented type, in Kommo value shapes', () => {
    const types = new Set(allValues.map((f) => f.field_type));
    for (const t of [
      'text',
      'numeric',
      'select',
      'multiselect',
      'date',
      'date_time',
      'checkbox',
      'url',
      'textarea',
      'radiobutton',
      'price',
      'monetary',
      'birthday',
      'streetaddress',
      'category',
    ]) {
      expect(types, t).toContain(t);
    }
    for (const f of allValues) {
      for (const v of f.values ?? []) {
        if (f.field_type === 'numeric') expect(v.value).toMatch(/^\d+$/);
        if (f.field_type === 'checkbox') expect(typeof v.value).toBe('boolean');
        if (['select', 'multiselect', 'radiobutton', 'category'].includes(f.field_type ?? '')) expect(typeof v.enum_id).toBe('number');
      }
    }
    expect(allValues.some((f) => f.field_type === 'multiselect' && (f.values?.length ?? 0) > 1)).toBe(true);
    expect(data.leads.some((l) => data.leadCustomFields(l) === null)).toBe(true);
  });

  it('puts date values at midnight in the account timezone (not UTC)', () => {
    const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const dates = allValues.filter((f) => f.field_type === 'date' || f.field_type === 'birthday').flatMap((f) => f.values ?? []);
    expect(dates.length).toBeGreaterThan(100);
    for (const v of dates) {
      expect(fmt.format(new Date((v.value as number) * 1000))).toBe('00:00');
      expect((v.value as number) % 86_400).not.toBe(0);
    }
  });

  it('has unsafe URL schemes in a few leads, one of them on the first page', () => {
    const urls = allValues.filter((f) => f.field_type === 'url').flatMap((f) => (f.values ?? []).map((v) => v.value));
    expect(urls.filter((u) => (UNSAFE_URLS as readonly unknown[]).includes(u)).length).toBeGreaterThan(3);
    expect(JSON.stringify(fieldsOf(2))).toContain('javascript:alert(1)');
  });

  it('builds contacts with WORK/MOB phones and emails, and companies, from ids', () => {
    const contact = data.contact(data.leads.find((l) => l.contactIds.length > 0)!.contactIds[0]!)!;
    const phone = contact.custom_fields_values!.find((f) => f.field_code === 'PHONE')!;
    expect(phone.field_type).toBe('multitext');
    expect(phone.values!.every((v) => v.enum_code === 'WORK' || v.enum_code === 'MOB')).toBe(true);
    expect(data.contact(1)).toBeNull();
    const companyId = data.leads.find((l) => l.companyId !== null)!.companyId!;
    expect(data.company(companyId)!.name).toBeTruthy();
    expect(data.leads.some((l) => l.contactIds.length === 0) && data.leads.some((l) => l.contactIds.length === 3)).toBe(true);
  });
});

describe('demo reference time', () => {
  it('takes DEMO_NOW as seconds or an ISO date, else the start of the current hour', async () => {
    const { demoReferenceTime } = await import('./demo-time');
    expect(demoReferenceTime('1748876400', 0)).toBe(1_748_876_400);
    expect(demoReferenceTime('2025-06-02T15:30:00Z', 0)).toBe(1_748_876_400);
    expect(demoReferenceTime(undefined, 1_748_878_000_000)).toBe(1_748_876_400);
    expect(demoReferenceTime('not a date', 1_748_878_000_000)).toBe(1_748_876_400);
  });
});
