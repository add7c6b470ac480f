import { describe, expect, it } from 'vitest';
import { accountSchema } from './account-schema';

const ACCOUNT = { id: 1, name: 'Acme', subdomain: 'acme', currency: 'USD' };

describe('accountSchema current_user_id', () => {
  it('reads the user the API answers for, and drops a value that is not a user id without failing the account', () => {
    expect(accountSchema.parse({ ...ACCOUNT, current_user_id: 504141 }).current_user_id).toBe(504141);
    expect(accountSchema.parse({ ...ACCOUNT, current_user_id: 'me' }).current_user_id).toBeUndefined();
    expect(accountSchema.parse({ ...ACCOUNT, current_user_id: -1 }).current_user_id).toBeUndefined();
    expect(accountSchema.parse(ACCOUNT).current_user_id).toBeUndefined();
  });
});
