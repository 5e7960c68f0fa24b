import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CertificateAuthorityError, CertificateAuthorityErrorCode } from './certificate-authority.errors.js';

const SEALED_KEY_FORMAT = 'pkcs8+aes-256-gcm/v1';
const KEY_ENCRYPTION_KEY_BYTES = 32;
const IV_BYTES = 12;
const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The key-encryption keys given by configuration. New keys are sealed under `activeKeyId`; older
 * ids stay listed until every sealed key has been resealed, which is how the key rotates.
 */
export interface KeyEncryptionKeyring {
  readonly activeKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** A PKCS#8 private key encrypted at rest; every field is a string so it stores as JSON as is. */
export interface SealedPrivateKey {
  readonly format: typeof SEALED_KEY_FORMAT;
  readonly keyId: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly authTag: string;
}

export function createKeyEncryptionKeyring(
  activeKeyId: string,
  keys: Readonly<Record<string, Uint8Array>>,
): KeyEncryptionKeyring {
  const checked = new Map<string, Buffer>();
  for (const [keyId, key] of Object.entries(keys)) {
    if (!KEY_ID_PATTERN.test(keyId)) {
      throw invalidKeyring(`Key id "${keyId}" must be 1-64 characters among A-Z a-z 0-9 . _ -.`);
    }
    if (key.length !== KEY_ENCRYPTION_KEY_BYTES) {
      throw invalidKeyring(`Key "${keyId}" must be exactly ${KEY_ENCRYPTION_KEY_BYTES} bytes, got ${key.length}.`);
    }
    checked.set(keyId, Buffer.from(key));
  }
  if (!checked.has(activeKeyId)) {
    throw invalidKeyring(`The active key id "${activeKeyId}" is not among the configured keys.`);
  }
  return { activeKeyId, keys: checked };
}

export function sealPrivateKey(pkcs8Der: Uint8Array, keyring: KeyEncryptionKeyring): SealedPrivateKey {
  const keyId = keyring.activeKeyId;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(keyring, keyId), iv);
  cipher.setAAD(associatedData(keyId));
  const ciphertext = Buffer.concat([cipher.update(pkcs8Der), cipher.final()]);
  return {
    format: SEALED_KEY_FORMAT,
    keyId,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
}

/** The PKCS#8 DER; callers should `fill(0)` it once imported. */
export function openPrivateKey(sealed: SealedPrivateKey, keyring: KeyEncryptionKeyring): Buffer {
  if (sealed.format !== SEALED_KEY_FORMAT) {
    throw unreadable(`Unknown sealed key format "${String(sealed.format)}".`);
  }
  const decipher = createDecipheriv('aes-256-gcm', keyFor(keyring, sealed.keyId), Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(associatedData(sealed.keyId));
  decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw unreadable('The sealed private key does not open with this key: wrong key or altered data.');
  }
}

/** Re-encrypts under the active key: the rotation step, run for every stored key. */
export function resealPrivateKey(sealed: SealedPrivateKey, keyring: KeyEncryptionKeyring): SealedPrivateKey {
  if (sealed.keyId === keyring.activeKeyId) return sealed;
  const pkcs8Der = openPrivateKey(sealed, keyring);
  try {
    return sealPrivateKey(pkcs8Der, keyring);
  } finally {
    pkcs8Der.fill(0);
  }
}

// Binding the key id and format into the tag stops a sealed key from being relabelled.
function associatedData(keyId: string): Buffer {
  return Buffer.from(`${SEALED_KEY_FORMAT}|${keyId}`, 'utf8');
}

function keyFor(keyring: KeyEncryptionKeyring, keyId: string): Buffer {
  const key = keyring.keys.get(keyId);
  if (key === undefined) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.KEY_ENCRYPTION_KEY_UNKNOWN,
      `No key-encryption key with id "${keyId}" is configured.`,
      { keyId },
    );
  }
  return key;
}

function invalidKeyring(message: string): CertificateAuthorityError {
  return new CertificateAuthorityError(CertificateAuthorityErrorCode.KEY_ENCRYPTION_KEY_INVALID, message);
}

function unreadable(message: string): CertificateAuthorityError {
  return new CertificateAuthorityError(CertificateAuthorityErrorCode.SEALED_KEY_UNREADABLE, message);
}
