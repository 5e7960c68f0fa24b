/**
 * The school's SPR password, defined at its very first putting in service (Fiche 4). Kept behind
 * this interface because the accounts service will own it (issue #3); only a hash is ever stored.
 */
export interface SprPasswords {
  isDefined(uai: string): Promise<boolean>;
  /** The hash to store with the first putting in service (checks the password's strength). */
  hashNew(password: string): Promise<string>;
}

export const SPR_PASSWORDS = Symbol('SPR_PASSWORDS');
