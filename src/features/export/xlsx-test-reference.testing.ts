// The account the XLSX writer's tests export against: São Paulo's zone (a day boundary three hours
// from UTC) and two custom fields, a date and a number (typed cells, their own formats).
import { customFieldDefinitionSchema } from '@/kommo/custom-field-schema';
import type { ExportReference } from './lead-export-columns';

export const XLSX_TEST_REFERENCE: ExportReference = {
  timeZone: 'America/Sao_Paulo',
  pipelines: [],
  users: [],
  groups: [],
  lossReasons: [],
  customFields: [
    customFieldDefinitionSchema.parse({ id: 102, name: 'Signed', type: 'date' }),
    customFieldDefinitionSchema.parse({ id: 100, name: 'Budget', type: 'numeric' }),
  ],
  catalogs: [],
  sources: [],
  contacts: new Map(),
  companies: new Map(),
  catalogElements: new Map(),
};
