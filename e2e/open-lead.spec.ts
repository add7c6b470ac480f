// The open lead against the real server and its demo account: fields laid out across the width,
// phones and e-mails as links with copy buttons, and "open in Kommo" (none for the demo account).
import { expect, test } from './support/test';
import { API_HEADERS } from './support/api-headers';
import { LeadsPage } from './pages/leads-page';

type WireLead = { id: number; custom_fields_values: unknown[] | null; _embedded?: { contacts?: unknown[] } };

test.use({ viewport: { width: 1440, height: 900 } });

test('at 1440 px the open lead lays its fields out in several columns, and "None" reads like a value', async ({ page, request }) => {
  const answer = await request.get('/api/v4/leads?limit=50&with=contacts', { headers: API_HEADERS });
  const wire = ((await answer.json()) as { _embedded: { leads: WireLead[] } })._embedded.leads;
  const rich = wire.find((l) => (l.custom_fields_values?.length ?? 0) >= 6 && (l._embedded?.contacts?.length ?? 0) > 0);
  expect(rich).toBeTruthy();
  const leads = new LeadsPage(page);
  await leads.goto(`?filter[id][]=${rich!.id}`);
  await leads.waitForRows();
  const row = page.locator(`[id="lead-row-${rich!.id}"]`);
  await row.getByRole('button', { name: /^Show details of/ }).click();
  const panel = row.getByRole('gridcell', { name: /^Details of/ });

  // Custom fields: more than one distinct column (left edge) among the field boxes, all within the panel.
  const fields = panel
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Fields', exact: true }) })
    .locator('dl > div');
  await expect(fields.first()).toBeVisible();
  const boxes = await fields.evaluateAll((els) =>
    els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: Math.round(r.left), right: r.right, top: r.top })),
  );
  const columns = new Set(boxes.map((b) => b.left));
  expect(columns.size).toBeGreaterThan(2);
  const panelBox = await panel.boundingBox();
  expect(boxes.every((b) => b.right <= panelBox!.x + panelBox!.width + 1)).toBe(true);
  // The first sections share a row too (contacts, company, tags...), not one narrow column.
  const sectionLefts = await panel
    .locator('section')
    .evaluateAll((els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().left))).size);
  expect(sectionLefts).toBeGreaterThan(2);

  // "No company", "No tags"… have the size and margin of a value, not of a paragraph.
  const none = panel.getByText(/^No (contacts|company|tags|products|loss reason)$/).first();
  if ((await none.count()) > 0) {
    const style = await none.evaluate((el) => ({ margin: getComputedStyle(el).marginTop, size: getComputedStyle(el).fontSize }));
    const valueSize = await fields
      .first()
      .locator('dd')
      .evaluate((el) => getComputedStyle(el).fontSize);
    expect(style).toEqual({ margin: '0px', size: valueSize });
  }
});

test('phones and e-mails are tel: and mailto: links with a copy button each; the demo account offers no Kommo link and says why', async ({
  page,
  request,
}) => {
  const answer = await request.get('/api/v4/leads?limit=50&with=contacts', { headers: API_HEADERS });
  const wire = ((await answer.json()) as { _embedded: { leads: WireLead[] } })._embedded.leads;
  const withContact = wire.find((l) => (l._embedded?.contacts?.length ?? 0) > 0);
  const leads = new LeadsPage(page);
  await leads.goto(`?filter[id][]=${withContact!.id}`);
  await leads.waitForRows();
  const row = page.locator(`[id="lead-row-${withContact!.id}"]`);
  await expect(row.getByTestId('open-in-kommo-row')).toHaveCount(0);
  await row.getByRole('button', { name: /^Show details of/ }).click();
  const panel = row.getByRole('gridcell', { name: /^Details of/ });
  await expect(panel.getByText('The demo account has no Kommo page to open.')).toBeVisible();
  const contacts = panel.locator('section').filter({ has: page.getByRole('heading', { name: 'Contacts', exact: true }) });
  const channels = contacts.getByRole('link', { name: /^(Call|Write to) / });
  await expect(channels.first()).toBeVisible();
  const hrefs = await channels.evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.every((h) => /^tel:\+?[\d*#,;]+$/.test(h) || /^mailto:[^\s@]+@[^\s@]+$/.test(h))).toBe(true);
  // One copy button per phone or e-mail, and each on a line of its own.
  await expect(contacts.getByRole('button', { name: /^Copy / })).toHaveCount(hrefs.length);
  const tops = await channels.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(tops.length);
});
