import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsPageSchema } from './events-schema';
import { leadStatusAfter, stageMovesPageSchema, type StageMoveEvent } from './lead-status-events';

const fixture: unknown = JSON.parse(readFileSync(join(__dirname, 'fixtures/real/kommo-docs-events-lead-status-changed.json'), 'utf8'));

describe('lead_status_changed events (Kommo\'s "Events list" example)', () => {
  it('parses the real body and reads the stage the lead moved into', () => {
    const page = stageMovesPageSchema.parse(fixture);
    const [event] = page._embedded.events;
    expect(event).toBeDefined();
    expect(leadStatusAfter(event as StageMoveEvent)).toEqual({ status_id: 111, pipeline_id: 123 });
    // The local copy's reading of the same log takes it too.
    expect(eventsPageSchema.parse(fixture)._embedded.events).toHaveLength(1);
    expect(page._links?.next?.href).toContain('page=2');
  });

  const base: StageMoveEvent = { id: 'x', type: 'lead_status_changed', entity_id: 1, entity_type: 'lead', created_at: 1 };
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
