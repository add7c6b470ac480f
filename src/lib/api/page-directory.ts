// Inside Kommo, the page itself knows the account's people and the signed-in user's rights
// (`APP.constant('managers')`, `('groups')`, `('user')`, `('user_rights')`): the widget hands them over
// the bridge at the handshake, so a manager, for whom `/api/v4/users` is refused (administrators
// only), still sees names. Standalone there is no page directory.
import type { LeadRights } from '@/kommo/lead-rights';
import type { Group } from '@/kommo/account-schema';
import type { User } from '@/kommo/user-schema';

export type PageDirectory = {
  users: readonly User[];
  groups: readonly Group[];
  /** The signed-in user's lead rights as the page states them; null when the page's constants could not be read. */
  rights: LeadRights | null;
};
