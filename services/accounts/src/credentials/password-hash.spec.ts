import { generatePassword } from './console-password.js';
import { hashPassword, passwordHashNeedsRehash, verifyPassword } from './password-hash.js';

describe('password hashing (argon2id)', () => {
  const password = generatePassword();
  let passwordHash: string;

  beforeAll(async () => {
    passwordHash = await hashPassword(password);
  });

  it('stores an argon2id PHC string with the documented parameters, never the password', () => {
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]{43}$/);
    expect(passwordHash).not.toContain(password);
    expect(passwordHashNeedsRehash(passwordHash)).toBe(false);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    expect(await verifyPassword(passwordHash, password)).toBe(true);
    expect(await verifyPassword(passwordHash, `${password}x`)).toBe(false);
    expect(await verifyPassword(passwordHash, password.toLowerCase())).toBe(false);
    expect(await verifyPassword(passwordHash, '')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword(password)).not.toBe(passwordHash);
  });

  it('treats a malformed stored hash as a failed login, not a crash', async () => {
    expect(await verifyPassword('not-a-hash', password)).toBe(false);
  });

  it('asks for a rehash of hashes made with weaker parameters', () => {
    expect(passwordHashNeedsRehash('$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g')).toBe(true);
    expect(passwordHashNeedsRehash('$argon2i$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
  });
});
