import pg from 'pg';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openIssuingAuthority } from '../../../accounts/src/certificates/authority/certificate-authority.js';
import { createKeyEncryptionKeyring } from '../../../accounts/src/certificates/authority/key-sealing.js';
import type { SealedPrivateKey } from '../../../accounts/src/certificates/authority/key-sealing.js';
import type { IssuingAuthority } from '../../../accounts/src/certificates/authority/issuing-authority.js';

/**
 * The platform's own CA opened by the test, the way accounts opens it, to make what the API never
 * hands out: a certificate of our CA that has already expired.
 */
export async function openPlatformCa(databaseUrl: string, schema: string, dataDir: string): Promise<IssuingAuthority> {
  const key = (await readFile(join(dataDir, 'tls', 'ca-key-encryption.key'), 'utf8')).trim();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT "rootCertificatePem", "issuingCertificatePem", "issuingSealedKey" FROM "${schema}"."CertificateAuthorityState"`);
    const row = rows[0] as { rootCertificatePem: string; issuingCertificatePem: string; issuingSealedKey: SealedPrivateKey };
    const keyring = createKeyEncryptionKeyring(row.issuingSealedKey.keyId, { [row.issuingSealedKey.keyId]: Buffer.from(key, 'base64') });
    return openIssuingAuthority({ rootCertificatePem: row.rootCertificatePem, issuing: { certificatePem: row.issuingCertificatePem, sealedPrivateKey: row.issuingSealedKey } }, keyring);
  } finally {
    await client.end();
  }
}
