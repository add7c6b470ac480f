import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsPageSchema, leadStatusAfter, type KommoEvent } from './events-schema';

const fixture: unknown = JSON.parse(readFileSync(join(__dirname, 'fixtures/real/kommo-docs-events-lead-status-changed.json'), 'utf8'));

describe('lead_status_changed events (Kommo\'s "Events list" example)', () => {
  it('parses the real body and reads the stage the lead moved into', () => {
    const page = eventsPageSchema.parse(fixture);
    const [event] = page._embedded.events;
    expect(event).toBeDefined();
    expect(leadStatusAfter(event as KommoEvent)).toEqual({ status_id: 111, pipeline_id: 123 });
    expect(page._links?.next?.href).toContain('page=2');
  });

  const base: KommoEvent = { id: 'x', type: 'lead_status_changed', entity_id: 1, entity_type: 'lead', created_at: 1 };
  it.each([
    ['another type', { ...base, type: 'lead_deleted', value_after: [{ lead_status: { id: 1, pipeline_id: 2 } }] }],
    ['no value_after', base],
    ['an empty value_after', { ...base, value_after: [] }],
    ['an object instead of an array', { ...base, value_after: { lead_status: { id: 1, pipeline_id: 2 } } }],
    ['a string id', { ...base, value_after: [{ lead_status: { id: '1', pipeline_id: 2 } }] }],
  ])('reads no stage from %s', (_, event) => {
    expect(leadStatusAfter(event)).toBeNull();
  });
});
