import { type KeyEncryptionKeyring, openPrivateKey, type SealedPrivateKey, sealPrivateKey } from '../certificates/authority/key-sealing.js';

export interface MessageBody {
  subject: string;
  text: string;
}

/** A pending message may carry a password: it rests sealed (AES-256-GCM) until sent, then is wiped. */
export function sealBody(body: MessageBody, keyring: KeyEncryptionKeyring): SealedPrivateKey {
  return sealPrivateKey(Buffer.from(JSON.stringify(body), 'utf8'), keyring);
}

export function openBody(sealed: SealedPrivateKey, keyring: KeyEncryptionKeyring): MessageBody {
  const bytes = openPrivateKey(sealed, keyring);
  try {
    return JSON.parse(bytes.toString('utf8')) as MessageBody;
  } finally {
    bytes.fill(0);
  }
}
