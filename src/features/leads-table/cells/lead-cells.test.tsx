// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildLeadReference } from '@/lib/reference-data/lead-reference';
import { testTableContext, TestTableContext } from '@/features/leads-table/leads-table-context.testing';
import { ValueText } from './lead-cells';

describe('ValueText', () => {
  it('marks a name still loading as a labelled image, not a labelled plain span (axe: aria-prohibited-attr)', () => {
    const reference = buildLeadReference({
      account: { id: 1, name: 'A', subdomain: 'a', currency: null, datetime_settings: { timezone: 'UTC' }, users_groups: [] },
      pipelines: [],
      users: [],
    });
    render(
      <TestTableContext value={testTableContext(reference)}>
        <ValueText value={{ kind: 'pending' }} />
      </TestTableContext>,
    );
    const mark = screen.getByRole('img', { name: 'Name loading' });
    expect(mark.getAttribute('aria-busy')).toBe('true');
    expect(mark.textContent).toBe('');
  });
});
