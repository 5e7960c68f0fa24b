import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  createKeyEncryptionKeyring,
  openPrivateKey,
  resealPrivateKey,
  sealPrivateKey,
  type SealedPrivateKey,
} from './key-sealing.js';

// A P-256 key is enough here: sealing treats PKCS#8 as opaque bytes, and it generates instantly.
const pkcs8Der = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' });

describe('sealing private keys at rest (AES-256-GCM)', () => {
  const keyring = createKeyEncryptionKeyring('2025-01', { '2025-01': randomBytes(32) });

  it('opens with the key it was sealed under, back to the same PKCS#8', () => {
    const sealed = sealPrivateKey(pkcs8Der, keyring);
    expect(sealed).toMatchObject({ format: 'pkcs8+aes-256-gcm/v1', keyId: '2025-01' });
    expect(Buffer.from(sealed.ciphertext, 'base64').includes(pkcs8Der.subarray(0, 32))).toBe(false);
    const opened = openPrivateKey(sealed, keyring);
    expect(opened.equals(pkcs8Der)).toBe(true);
    expect(createPrivateKey({ key: opened, format: 'der', type: 'pkcs8' }).asymmetricKeyType).toBe('ec');
  });

  it('uses a fresh IV every time', () => {
    const first = sealPrivateKey(pkcs8Der, keyring);
    const second = sealPrivateKey(pkcs8Der, keyring);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it('refuses to open under a wrong key with the same id', () => {
    const sealed = sealPrivateKey(pkcs8Der, keyring);
    const impostor = createKeyEncryptionKeyring('2025-01', { '2025-01': randomBytes(32) });
    expect(() => openPrivateKey(sealed, impostor)).toThrow(expect.objectContaining({ code: 'CA_SEALED_KEY_UNREADABLE' }));
  });

  it('refuses altered ciphertext, tag, or a relabelled key id', () => {
    const sealed = sealPrivateKey(pkcs8Der, keyring);
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[10] = flipped[10]! ^ 0x01;
    const tampered: SealedPrivateKey = { ...sealed, ciphertext: flipped.toString('base64') };
    expect(() => openPrivateKey(tampered, keyring)).toThrow(expect.objectContaining({ code: 'CA_SEALED_KEY_UNREADABLE' }));
    const badTag: SealedPrivateKey = { ...sealed, authTag: Buffer.alloc(16).toString('base64') };
    expect(() => openPrivateKey(badTag, keyring)).toThrow(expect.objectContaining({ code: 'CA_SEALED_KEY_UNREADABLE' }));

    const sameKeyTwoIds = randomBytes(32);
    const twoIds = createKeyEncryptionKeyring('a', { a: sameKeyTwoIds, b: sameKeyTwoIds });
    const relabelled: SealedPrivateKey = { ...sealPrivateKey(pkcs8Der, twoIds), keyId: 'b' };
    expect(() => openPrivateKey(relabelled, twoIds)).toThrow(expect.objectContaining({ code: 'CA_SEALED_KEY_UNREADABLE' }));
  });

  it('says which key id is missing when the keyring does not know it', () => {
    const sealed = sealPrivateKey(pkcs8Der, keyring);
    const other = createKeyEncryptionKeyring('2026-01', { '2026-01': randomBytes(32) });
    expect(() => openPrivateKey(sealed, other)).toThrow(
      expect.objectContaining({ code: 'CA_KEY_ENCRYPTION_KEY_UNKNOWN', details: { keyId: '2025-01' } }),
    );
  });

  it('rotates: reseals under the new active key, after which the old key can go', () => {
    const old = randomBytes(32);
    const sealedUnderOld = sealPrivateKey(pkcs8Der, createKeyEncryptionKeyring('old', { old }));
    const duringRotation = createKeyEncryptionKeyring('new', { old, new: randomBytes(32) });
    expect(openPrivateKey(sealedUnderOld, duringRotation).equals(pkcs8Der)).toBe(true);

    const resealed = resealPrivateKey(sealedUnderOld, duringRotation);
    expect(resealed.keyId).toBe('new');
    const afterRotation = createKeyEncryptionKeyring('new', { new: duringRotation.keys.get('new')! });
    expect(openPrivateKey(resealed, afterRotation).equals(pkcs8Der)).toBe(true);
    expect(resealPrivateKey(resealed, afterRotation)).toBe(resealed);
  });

  it('refuses keys that are not 32 bytes, odd ids, and an active id without a key', () => {
    expect(() => createKeyEncryptionKeyring('k', { k: randomBytes(16) })).toThrow(
      expect.objectContaining({ code: 'CA_KEY_ENCRYPTION_KEY_INVALID' }),
    );
    expect(() => createKeyEncryptionKeyring('a b', { 'a b': randomBytes(32) })).toThrow(
      expect.objectContaining({ code: 'CA_KEY_ENCRYPTION_KEY_INVALID' }),
    );
    expect(() => createKeyEncryptionKeyring('missing', { k: randomBytes(32) })).toThrow(
      expect.objectContaining({ code: 'CA_KEY_ENCRYPTION_KEY_INVALID' }),
    );
  });
});
