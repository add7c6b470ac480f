// What the app says about the signed-in user's rights: the scope of counts and totals, an endpoint
// Kommo refused for a missing right (what degrades and why), and the export right.
import { defineMessages } from '../i18n/define-messages';

export const rightsMessages = defineMessages(
  {
    scope: 'The leads you can see',
    scopeHint: 'Your Kommo user sees only some leads: counts, totals and files cover the leads you can see, not the whole account.',
    refusedTitle: 'Some data is not available to your Kommo user',
    refusedUsers: 'Users list: for administrators only. Names come from the Kommo page where it gives them; otherwise ids are shown.',
    refusedSources: 'Lead sources: for administrators only. Sources are shown by id.',
    refusedCatalogs: 'Lists (catalogs): your user has no access to lists. Products and list values are shown by id.',
    refusedLossReasons: 'Loss reasons: refused by Kommo. Loss reasons are shown by id.',
    refusedTags: 'Tags: refused by Kommo. Tag colours are not shown.',
    refusedContacts: 'Contacts: refused by Kommo. Contacts are shown by id.',
    refusedCompanies: 'Companies: refused by Kommo. Companies are shown by id.',
    refusedOther: '{path}: refused by Kommo for your user.',
    exportDenied: 'Your Kommo user may not export leads (export right: denied).',
    exportLeftOut:
      '{count, plural, one {# lead was left out: your Kommo user may not export it.} other {# leads were left out: your Kommo user may not export them.}}',
  },
  {
    es: {
      scope: 'Los leads que puedes ver',
      scopeHint: 'Tu usuario de Kommo ve solo algunos leads: los recuentos, totales y archivos cubren los leads que puedes ver, no toda la cuenta.',
      refusedTitle: 'Algunos datos no están disponibles para tu usuario de Kommo',
      refusedUsers: 'Lista de usuarios: solo para administradores. Los nombres vienen de la página de Kommo cuando los da; si no, se muestran ids.',
      refusedSources: 'Fuentes de leads: solo para administradores. Las fuentes se muestran por id.',
      refusedCatalogs: 'Listas (catálogos): tu usuario no tiene acceso a las listas. Productos y valores de listas se muestran por id.',
      refusedLossReasons: 'Motivos de pérdida: Kommo los rechazó. Se muestran por id.',
      refusedTags: 'Etiquetas: Kommo las rechazó. No se muestran sus colores.',
      refusedContacts: 'Contactos: Kommo los rechazó. Se muestran por id.',
      refusedCompanies: 'Empresas: Kommo las rechazó. Se muestran por id.',
      refusedOther: '{path}: Kommo lo rechazó para tu usuario.',
      exportDenied: 'Tu usuario de Kommo no puede exportar leads (derecho de exportación: denegado).',
      exportLeftOut:
        '{count, plural, one {Se dejó fuera # lead: tu usuario de Kommo no puede exportarlo.} other {Se dejaron fuera # leads: tu usuario de Kommo no puede exportarlos.}}',
    },
    pt: {
      scope: 'Os leads que você pode ver',
      scopeHint: 'Seu usuário do Kommo vê apenas alguns leads: contagens, totais e arquivos cobrem os leads que você pode ver, não a conta inteira.',
      refusedTitle: 'Alguns dados não estão disponíveis para o seu usuário do Kommo',
      refusedUsers: 'Lista de usuários: só para administradores. Os nomes vêm da página do Kommo quando ela os fornece; senão, aparecem ids.',
      refusedSources: 'Fontes de leads: só para administradores. As fontes aparecem por id.',
      refusedCatalogs: 'Listas (catálogos): seu usuário não tem acesso às listas. Produtos e valores de listas aparecem por id.',
      refusedLossReasons: 'Motivos de perda: o Kommo recusou. Aparecem por id.',
      refusedTags: 'Tags: o Kommo recusou. As cores das tags não aparecem.',
      refusedContacts: 'Contatos: o Kommo recusou. Aparecem por id.',
      refusedCompanies: 'Empresas: o Kommo recusou. Aparecem por id.',
      refusedOther: '{path}: o Kommo recusou para o seu usuário.',
      exportDenied: 'Seu usuário do Kommo não pode exportar leads (direito de exportação: negado).',
      exportLeftOut:
        '{count, plural, one {# lead ficou de fora: seu usuário do Kommo não pode exportá-lo.} other {# leads ficaram de fora: seu usuário do Kommo não pode exportá-los.}}',
    },
  },
);
