import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at 64 MiB, 3 passes, 1 lane: RFC 9106's second recommended setting with one lane
 * instead of four, because a 2-core server should spend one core per login, not both. About
 * 90 ms per hash here; each hash runs on the libuv pool (4 threads by default), so the peak is
 * 4 × 64 MiB. Logins are rare (one hosting manager per school), which is what allows this cost.
 */
export const PASSWORD_HASH_PARAMETERS = {
  algorithm: 2, // Algorithm.Argon2id: the package's const enum cannot be read under isolatedModules.
  memoryCost: 64 * 1024,
  timeCost: 3,
  parallelism: 1,
  outputLen: 32,
} as const;

/** A PHC string (`$argon2id$v=19$m=65536,t=3,p=1$salt$hash`) carrying its own salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), PASSWORD_HASH_PARAMETERS);
}

/** Constant time in the password (the comparison is argon2's own); a malformed hash verifies nothing. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters: rehash it after the next good login. */
export function passwordHashNeedsRehash(passwordHash: string): boolean {
  const { memoryCost, timeCost, parallelism } = PASSWORD_HASH_PARAMETERS;
  return !passwordHash.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
}
