// The hostile demo account (DEMO_FIXTURE=hostile): the same deterministic account, but every text a
// user or an integration can type into Kommo carries an attack or a layout breaker. The chaos suite
// opens it in a real browser to prove nothing executes and the table keeps its shape.
import { customFieldSearchText, type CustomFieldDefinitionWire, type CustomFieldValueWire } from './demo-custom-fields';
import type { DemoData, DemoLead } from './demo-data';
import type { CompanyWire, ContactWire } from './demo-people';

/** What a payload would call if it ever ran: the e2e exposes a function of this name and fails on any call. */
export const PWNED_FUNCTION = '__pwned';

const call = (tag: string) => `${PWNED_FUNCTION}('${tag}')`;

/** Markup and script payloads: each one, if a renderer ever interprets it, calls PWNED_FUNCTION with its tag. */
export const XSS_TEXT_PAYLOADS: readonly string[] = [
  `<script>${call('script')}</script>`,
  `<ScRiPt>${call('script-mixed-case')}</sCrIpT>`,
  `<img src=x onerror="${call('img-onerror')}">`,
  `<IMG SRC=x OnErRoR=${call('img-mixed-case')}>`,
  `<svg onload=${call('svg-onload')}>`,
  `<svg/onload=${call('svg-slash')}>`,
  `"><img src=x onerror=${call('attr-break-double')}>`,
  `'><img src=x onerror=${call('attr-break-single')}>`,
  `</span></div><script>${call('close-tags')}</script>`,
  `<iframe src="javascript:${call('iframe-js')}"></iframe>`,
  `<iframe srcdoc="<script>parent.${call('iframe-srcdoc')}</script>"></iframe>`,
  `<a href="javascript:${call('anchor-js')}">click me</a>`,
  `<details open ontoggle=${call('details-ontoggle')}>`,
  `<body onload=${call('body-onload')}>`,
  `<input autofocus onfocus=${call('input-onfocus')}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${call('mxss')}>`,
  `&lt;script&gt;${call('entity-named')}&lt;/script&gt;`,
  `&#60;img src=x onerror=${call('entity-decimal')}&#62;`,
  `&#x3C;svg onload=${call('entity-hex')}&#x3E;`,
  `%3Cscript%3E${call('percent-encoded')}%3C/script%3E`,
  `\\u003cscript\\u003e${call('js-escaped')}\\u003c/script\\u003e`,
  `{{constructor.constructor('${call('template')}')()}}`,
  `\${${call('template-literal')}}`,
  `<style>*{background:url("javascript:${call('css-url')}")}</style>`,
];

/** URL values: schemes that must never become live links, in every spelling a browser might accept. */
export const XSS_URL_PAYLOADS: readonly string[] = [
  `javascript:${call('url-javascript')}`,
  `JaVaScRiPt:${call('url-javascript-mixed')}`,
  `  javascript:${call('url-javascript-space')}`,
  `java\tscript:${call('url-javascript-tab')}`,
  `java\nscript:${call('url-javascript-newline')}`,
  `javascript&colon;${call('url-entity-colon')}`,
  `&#106;avascript:${call('url-entity-decimal')}`,
  `&#x6A;avascript:${call('url-entity-hex')}`,
  `%6Aavascript:${call('url-percent')}`,
  `data:text/html,<script>${call('url-data')}</script>`,
  `DATA:text/html;base64,PHNjcmlwdD5fX3B3bmVkKCdkYXRhLWI2NCcpPC9zY3JpcHQ+`,
  `vbscript:msgbox("${call('url-vbscript')}")`,
  `VbScRiPt:${call('url-vbscript-mixed')}`,
  `https://example.invalid/"onmouseover="${call('url-quote-break')}`,
  `https://example.invalid/<script>${call('url-tag')}</script>`,
];

/** U+202E and friends: text that flips the reading order of what follows it. */
export const RTL_PAYLOADS: readonly string[] = [
  '\u202Egnp.exe.Invoice',
  'Deal \u202Bعرض خاص\u202C \u2067isolated\u2069 end',
  '\u200F\u202Ereversed price 100\u202C',
];

/** Layout breakers: one unbreakable 10,000-character word, 10,000 characters of words, emoji and combining marks. */
export const LAYOUT_PAYLOADS: readonly string[] = [
  'W'.repeat(10_000),
  'lorem ipsum '.repeat(834).slice(0, 10_000),
  '👩‍👩‍👧‍👦🏳️‍🌈🇧🇷🇪🇸 Família 🤝 Negócio 💰💰💰 🧑🏽‍💻',
  'Z̷̡̛̗̖̮̓̈́͒a̸̧̛̩̓̾l̴̢̛͇̈́g̵̨̛̮̈́͝ǫ̵̛̮̈́ d̶̡̛̮̈́e̷̡̛̮̓a̸̡̛̮̓l̴̡̛̮̓',
  '\u0000\u0007\u001b[31mcontrol characters\u001b[0m\uFEFF\u200B',
];

/** Every text payload the fixture spreads over names, tags, contacts and custom fields. */
export const HOSTILE_TEXTS: readonly string[] = [...XSS_TEXT_PAYLOADS, ...RTL_PAYLOADS, ...LAYOUT_PAYLOADS];

const pick = <T>(list: readonly T[], n: number): T => list[((n % list.length) + list.length) % list.length] as T;

/** Field types whose values are free text a user typed. */
const FREE_TEXT_TYPES = new Set(['text', 'textarea', 'streetaddress', 'tracking_data']);

function hostileFieldValues(values: CustomFieldValueWire[] | null, n: number): CustomFieldValueWire[] | null {
  if (values === null) return null;
  return values.map((field, k) => {
    const type = field.field_type ?? '';
    if (type === 'url') return { ...field, values: [{ value: pick(XSS_URL_PAYLOADS, n + k) }] };
    if (FREE_TEXT_TYPES.has(type)) return { ...field, values: [{ value: pick(HOSTILE_TEXTS, n * 3 + k) }] };
    if (type === 'select' || type === 'multiselect' || type === 'radiobutton' || type === 'category') {
      return { ...field, values: (field.values ?? []).map((v, j) => ({ ...v, value: pick(XSS_TEXT_PAYLOADS, n + k + j) })) };
    }
    return field;
  });
}

function hostileDefinitions(definitions: readonly CustomFieldDefinitionWire[]): CustomFieldDefinitionWire[] {
  // Every third field's name (a column header) is a payload too; enum labels come with the values.
  return definitions.map((d, i) => (i % 3 === 0 ? { ...d, name: `${d.name} ${pick(XSS_TEXT_PAYLOADS, i)}` } : d));
}

function hostileContact(contact: ContactWire | null): ContactWire | null {
  if (contact === null) return null;
  const n = contact.id ?? 0;
  const first = pick(HOSTILE_TEXTS, n);
  const last = pick(XSS_TEXT_PAYLOADS, n + 1);
  return {
    ...contact,
    name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    custom_fields_values: (contact.custom_fields_values ?? []).map((f, k) =>
      f.field_code === 'EMAIL'
        ? { ...f, values: (f.values ?? []).map((v) => ({ ...v, value: `"><img src=x onerror=${call(`email-${k}`)}>@x.invalid` })) }
        : f,
    ),
  };
}

function hostileCompany(company: CompanyWire | null): CompanyWire | null {
  if (company === null) return null;
  const n = company.id ?? 0;
  return {
    ...company,
    name: pick(HOSTILE_TEXTS, n + 2),
    custom_fields_values: (company.custom_fields_values ?? []).map((f) =>
      f.field_type === 'url' ? { ...f, values: [{ value: pick(XSS_URL_PAYLOADS, n) }] } : f,
    ),
  };
}

/**
 * The hostile variant of a demo account's data: same ids, stages, users, dates and prices (so every
 * filter still works), with hostile lead names, tag names, contact and company names, custom field
 * texts, select labels, URLs and some field names.
 */
export function createHostileData(base: DemoData): DemoData {
  const fieldsOf = (lead: DemoLead) => hostileFieldValues(base.leadCustomFields(lead), lead.index);
  const leads = base.leads.map((lead): DemoLead => {
    const name = pick(HOSTILE_TEXTS, lead.index);
    const hostile: DemoLead = { ...lead, name, searchText: '' };
    hostile.searchText = `${name}\n${customFieldSearchText(fieldsOf(hostile))}`.toLowerCase();
    return hostile;
  });
  return {
    ...base,
    leads,
    tags: base.tags.map((tag, i) => ({ ...tag, name: pick(HOSTILE_TEXTS, i + 5) })),
    leadCustomFieldDefinitions: hostileDefinitions(base.leadCustomFieldDefinitions),
    contact: (id) => hostileContact(base.contact(id)),
    company: (id) => hostileCompany(base.company(id)),
    leadCustomFields: fieldsOf,
  };
}
