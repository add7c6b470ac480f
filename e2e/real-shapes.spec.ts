// The demo account serves Kommo's real shapes (group names from /account's users_groups, tag colours
// without `#`, price_with_minor_units, chained_list values, dates at midnight in the account's zone):
// the table and the open-row panel show them as a user expects. The browser runs in Los Angeles, the
// account in São Paulo: a São Paulo midnight is the evening before in Los Angeles, so a date read in
// the browser's zone would show the wrong day.
import { expect, test } from './support/test';
import { LeadsPage } from './pages/leads-page';
import { API_HEADERS } from './support/api-headers';

test.use({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });

type WireValue = { value?: unknown; catalog_id?: number; catalog_element_id?: number };
type WireLead = {
  id: number;
  price: number;
  price_with_minor_units?: number;
  group_id: number;
  custom_fields_values: { field_name: string; field_type: string; values: WireValue[] }[] | null;
  _embedded: { tags: { name: string; color: string | null }[] };
};

/** Only the first rows are rendered without scrolling: look for each shape among them. */
const FIRST_ROWS = 12;

test('a group name, a coloured tag, a price with cents, a chained_list value by name and a date on the account day', async ({ page }) => {
  // The group column is hidden by default: show it through the table's stored preferences.
  const prefs = { visibility: { group: true }, order: [], sizing: {}, density: 'normal' };
  await page.addInitScript((p) => window.localStorage.setItem('klb.leadsTable.columns.v1', p), JSON.stringify(prefs));

  const account = (await (await page.request.get('/api/v4/account?with=datetime_settings,users_groups', { headers: API_HEADERS })).json()) as {
    _embedded: { datetime_settings: { timezone: string; short_date_pattern?: string }; users_groups: { id: number; name: string }[] };
  };
  const timeZone = account._embedded.datetime_settings.timezone;
  expect(timeZone).toBe('America/Sao_Paulo');
  // The account writes dates its own way (amocrm-api-php's short_date_pattern): day.month.year.
  expect(account._embedded.datetime_settings.short_date_pattern).toBe('d.m.Y');
  // The table's default order is newest first: ask for the same, so row i is lead i.
  const leadsWire = (
    (await (await page.request.get('/api/v4/leads?limit=250&order[created_at]=desc', { headers: API_HEADERS })).json()) as {
      _embedded: { leads: WireLead[] };
    }
  )._embedded.leads.slice(0, FIRST_ROWS);
  const indexOf = (test: (l: WireLead) => boolean) => {
    const i = leadsWire.findIndex(test);
    expect(i, 'the demo has such a lead among the first rows').toBeGreaterThanOrEqual(0);
    return i;
  };
  const fieldOf = (l: WireLead, name: string) => l.custom_fields_values?.find((f) => f.field_name === name);

  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();

  // A price with cents (price_with_minor_units), in the account currency.
  const cents = indexOf((l) => l.price_with_minor_units !== undefined && l.price_with_minor_units !== l.price);
  const exact = leadsWire[cents]!.price_with_minor_units!;
  await expect(leads.cell(leads.rowByIndex(cents), 'price')).toHaveText(
    new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(exact),
  );
  expect(exact % 1).not.toBe(0);

  // The main group (id 0) and the others by the names /account lists, never the id.
  await leads.scrollToColumn('group');
  const grouped = indexOf((l) => account._embedded.users_groups.some((g) => g.id === l.group_id));
  const groupName = account._embedded.users_groups.find((g) => g.id === leadsWire[grouped]!.group_id)!.name;
  await expect(leads.cell(leads.rowByIndex(grouped), 'group')).toHaveText(groupName);

  // A tag coloured from Kommo's bare hex code ("FF8F92" becomes the chip's border colour).
  await leads.scrollToColumn('tags');
  const tagged = indexOf((l) => l._embedded.tags.some((t) => t.color !== null));
  const tag = leadsWire[tagged]!._embedded.tags.find((t) => t.color !== null)!;
  expect(tag.color).toMatch(/^[0-9A-F]{6}$/);
  const chip = leads.cell(leads.rowByIndex(tagged), 'tags').getByText(tag.name, { exact: true });
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(tag.color!.slice(i, i + 2), 16));
  await expect(chip).toHaveCSS('border-top-color', `rgb(${r}, ${g}, ${b})`);

  // The open-row panel: a chained_list value by its element's name, a date field on the account's day.
  const rich = indexOf((l) => fieldOf(l, 'Warehouse') !== undefined && fieldOf(l, 'Expected close date') !== undefined);
  const chained = fieldOf(leadsWire[rich]!, 'Warehouse')!.values[0]!;
  const elements = (await (await page.request.get(`/api/v4/catalogs/${chained.catalog_id}/elements?limit=250`, { headers: API_HEADERS })).json()) as {
    _embedded: { elements: { id: number; name: string }[] };
  };
  const elementName = elements._embedded.elements.find((e) => e.id === chained.catalog_element_id)!.name;
  const closeAt = Number(fieldOf(leadsWire[rich]!, 'Expected close date')!.values[0]!.value);
  const day = (zone: string) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
      new Date(closeAt * 1000),
    );
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('day')}.${part('month')}.${part('year')}`;
  };
  // The check can fail: in the browser's zone the same moment is the day before.
  expect(day(timeZone)).not.toBe(day('America/Los_Angeles'));

  const row = leads.rowByIndex(rich);
  await row.getByRole('button', { name: /^Show details of/ }).click();
  const panel = row.getByRole('gridcell', { name: /^Details of/ });
  const fields = leads.panelSection(panel, 'Fields');
  await expect(fields.locator('dt', { hasText: /^Warehouse$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText(elementName);
  await expect(fields.locator('dt', { hasText: /^Expected close date$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText(day(timeZone));
});
