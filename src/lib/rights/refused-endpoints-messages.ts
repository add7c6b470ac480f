// What the app says when Kommo refused this user an endpoint for a missing right (a JSON 403): what
// shows as ids instead of names, and why. Apart from the rights catalogue: only the notice's chunk,
// drawn once something was refused, carries these lines.
import { defineMessages } from '@/lib/i18n/define-messages';

export const refusedEndpointsMessages = defineMessages(
  {
    refusedTitle: 'Some data is not available to your Kommo user',
    refusedUsers: 'Users list: for administrators only. Names come from the Kommo page where it gives them; otherwise ids are shown.',
    refusedSources: 'Lead sources: for administrators only. Sources are shown by id.',
    refusedCatalogs: 'Lists (catalogs): your user has no access to lists. Products and list values are shown by id.',
    refusedLossReasons: 'Loss reasons: refused by Kommo. Loss reasons are shown by id.',
    refusedTags: 'Tags: refused by Kommo. Tag colours are not shown.',
    refusedContacts: 'Contacts: refused by Kommo. Contacts are shown by id.',
    refusedCompanies: 'Companies: refused by Kommo. Companies are shown by id.',
    refusedEvents: 'Event log: refused by Kommo. Days in a stage show as unknown.',
    refusedOther: '{path}: refused by Kommo for your user.',
  },
  {
    es: {
      refusedTitle: 'Algunos datos no están disponibles para tu usuario de Kommo',
      refusedUsers: 'Lista de usuarios: solo para administradores. Los nombres vienen de la página de Kommo cuando los da; si no, se muestran ids.',
      refusedSources: 'Fuentes de leads: solo para administradores. Las fuentes se muestran por id.',
      refusedCatalogs: 'Listas (catálogos): tu usuario no tiene acceso a las listas. Productos y valores de listas se muestran por id.',
      refusedLossReasons: 'Motivos de pérdida: Kommo los rechazó. Se muestran por id.',
      refusedTags: 'Etiquetas: Kommo las rechazó. No se muestran sus colores.',
      refusedContacts: 'Contactos: Kommo los rechazó. Se muestran por id.',
      refusedCompanies: 'Empresas: Kommo las rechazó. Se muestran por id.',
      refusedEvents: 'Registro de eventos: Kommo lo rechazó. Los días en una etapa aparecen como desconocidos.',
      refusedOther: '{path}: Kommo lo rechazó para tu usuario.',
    },
    pt: {
      refusedTitle: 'Alguns dados não estão disponíveis para o seu usuário do Kommo',
      refusedUsers: 'Lista de usuários: só para administradores. Os nomes vêm da página do Kommo quando ela os fornece; senão, aparecem ids.',
      refusedSources: 'Fontes de leads: só para administradores. As fontes aparecem por id.',
      refusedCatalogs: 'Listas (catálogos): seu usuário não tem acesso às listas. Produtos e valores de listas aparecem por id.',
      refusedLossReasons: 'Motivos de perda: o Kommo recusou. Aparecem por id.',
      refusedTags: 'Tags: o Kommo recusou. As cores das tags não aparecem.',
      refusedContacts: 'Contatos: o Kommo recusou. Aparecem por id.',
      refusedCompanies: 'Empresas: o Kommo recusou. Aparecem por id.',
      refusedEvents: 'Registro de eventos: o Kommo recusou. Os dias numa etapa aparecem como desconhecidos.',
      refusedOther: '{path}: o Kommo recusou para o seu usuário.',
    },
  },
);
