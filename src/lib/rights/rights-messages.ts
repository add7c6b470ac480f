// What the app says about the signed-in user's rights: the scope of counts and totals, an endpoint
// Kommo refused for a missing right (what degrades and why), and the export right.
import { defineMessages } from '@/lib/i18n/define-messages';

export const rightsMessages = defineMessages(
  {
    scope: 'The leads you can see',
    scopeHint: 'Your Kommo user sees only some leads: counts, totals and files cover the leads you can see, not the whole account.',
    exportDenied: 'Your Kommo user may not export leads (export right: denied).',
    exportLeftOut:
      '{count, plural, one {# lead was left out: your Kommo user may not export it.} other {# leads were left out: your Kommo user may not export them.}}',
  },
  {
    es: {
      scope: 'Los leads que puedes ver',
      scopeHint: 'Tu usuario de Kommo ve solo algunos leads: los recuentos, totales y archivos cubren los leads que puedes ver, no toda la cuenta.',
      exportDenied: 'Tu usuario de Kommo no puede exportar leads (derecho de exportación: denegado).',
      exportLeftOut:
        '{count, plural, one {Se dejó fuera # lead: tu usuario de Kommo no puede exportarlo.} other {Se dejaron fuera # leads: tu usuario de Kommo no puede exportarlos.}}',
    },
    pt: {
      scope: 'Os leads que você pode ver',
      scopeHint: 'Seu usuário do Kommo vê apenas alguns leads: contagens, totais e arquivos cobrem os leads que você pode ver, não a conta inteira.',
      exportDenied: 'Seu usuário do Kommo não pode exportar leads (direito de exportação: negado).',
      exportLeftOut:
        '{count, plural, one {# lead ficou de fora: seu usuário do Kommo não pode exportá-lo.} other {# leads ficaram de fora: seu usuário do Kommo não pode exportá-los.}}',
    },
  },
);
