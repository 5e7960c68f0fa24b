import forge from 'node-forge';
import { createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { ClientCertificate } from './console-client.js';

/**
 * Certificates the platform API never hands out, made the way a third party would (node-forge), so
 * the gateway tests stay out of the accounts service's code: one from a CA of somebody else, and an
 * expired one signed by the platform's own issuing CA.
 */
interface School {
  uai: string;
  hostingNumber: string;
}

const DAY_MS = 86_400_000;

/** A school certificate from a brand-new CA that is not ours, naming the right school all the same. */
export function foreignSchoolCertificate(school: School): ClientCertificate {
  const caKeys = forge.pki.rsa.generateKeyPair(2048);
  const ca = certificate({ subject: [{ name: 'commonName', value: 'Somebody Else CA' }], publicKey: caKeys.publicKey, isCa: true, validFrom: new Date(Date.now() - DAY_MS), days: 30 });
  ca.setIssuer(ca.subject.attributes);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());
  return schoolCertificate(school, { certificate: ca, privateKey: caKeys.privateKey }, new Date(Date.now() - DAY_MS), 30);
}

/** A certificate of our issuing CA (key unsealed from the platform's database) that expired long ago. */
export async function expiredSchoolCertificate(school: School, databaseUrl: string, schema: string, dataDir: string): Promise<ClientCertificate> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT "issuingCertificatePem", "issuingSealedKey" FROM "${schema}"."CertificateAuthorityState"`);
    const row = rows[0] as { issuingCertificatePem: string; issuingSealedKey: { format: string; keyId: string; iv: string; ciphertext: string; authTag: string } };
    const key = Buffer.from((await readFile(join(dataDir, 'tls', 'ca-key-encryption.key'), 'utf8')).trim(), 'base64');
    const sealed = row.issuingSealedKey;
    // The sealed-key format of accounts (key-sealing.ts): AES-256-GCM, format and key id as AAD.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(`${sealed.format}|${sealed.keyId}`, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'));
    const pkcs8 = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    const privateKey = forge.pki.privateKeyFromPem(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs1' }) as string);
    const issuing = { certificate: forge.pki.certificateFromPem(row.issuingCertificatePem), privateKey };
    return schoolCertificate(school, issuing, new Date(Date.now() - 400 * DAY_MS), 30);
  } finally {
    await client.end();
  }
}

function schoolCertificate(school: School, issuer: { certificate: forge.pki.Certificate; privateKey: forge.pki.PrivateKey }, validFrom: Date, days: number): ClientCertificate {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const leaf = certificate({
    subject: [
      { name: 'organizationName', value: 'École' },
      { type: '2.5.4.5', value: school.hostingNumber },
      { name: 'commonName', value: school.uai },
    ],
    publicKey: keys.publicKey,
    isCa: false,
    validFrom,
    days,
  });
  leaf.setIssuer(issuer.certificate.subject.attributes);
  leaf.sign(issuer.privateKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  const passphrase = randomBytes(12).toString('hex');
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [leaf, issuer.certificate], passphrase, { algorithm: 'aes256' });
  return { pfx: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), passphrase };
}

function certificate(options: { subject: forge.pki.CertificateField[]; publicKey: forge.pki.PublicKey; isCa: boolean; validFrom: Date; days: number }): forge.pki.Certificate {
  const result = forge.pki.createCertificate();
  result.publicKey = options.publicKey;
  result.serialNumber = `4${randomBytes(15).toString('hex')}`;
  result.validity.notBefore = options.validFrom;
  result.validity.notAfter = new Date(options.validFrom.getTime() + options.days * DAY_MS);
  result.setSubject(options.subject);
  result.setExtensions(
    options.isCa
      ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]
      : [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, critical: true }, { name: 'extKeyUsage', clientAuth: true }],
  );
  return result;
}
