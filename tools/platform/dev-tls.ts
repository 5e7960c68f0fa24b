import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface DevTls {
  certFile: string;
  keyFile: string;
  certPem: string;
}

/**
 * A self-signed certificate for localhost, made once per data folder. The gateway no longer uses it
 * (it enrols with accounts' CA); the benchmarks' baseline HTTPS server does.
 */
export async function ensureDevTls(directory: string): Promise<DevTls> {
  const certFile = join(directory, 'gateway.crt');
  const keyFile = join(directory, 'gateway.key');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    await mkdir(directory, { recursive: true });
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
    const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex'),
      name: 'CN=localhost',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 365 * 86_400_000),
      keys,
      signingAlgorithm: algorithm,
      extensions: [
        new x509.SubjectAlternativeNameExtension([
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
        ]),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ],
    });
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    await writeFile(keyFile, x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), { mode: 0o600 });
    await writeFile(certFile, certificate.toString('pem'));
  }
  return { certFile, keyFile, certPem: await readFile(certFile, 'utf8') };
}

/**
 * The key sealing the internal CA's private keys, made once per data folder (0600) so a restarted
 * platform opens the CA it created. Operators give CA_KEY_ENCRYPTION_KEY from their secret store.
 */
export async function ensureCaKey(directory: string): Promise<string> {
  const file = join(directory, 'ca-key-encryption.key');
  if (!existsSync(file)) {
    await mkdir(directory, { recursive: true });
    await writeFile(file, Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString('base64'), { mode: 0o600 });
  }
  return (await readFile(file, 'utf8')).trim();
}

/** The root CA clients trust (`curl --cacert`): the gateway's certificate and schools' chain to it. */
export async function writeRootCa(directory: string, rootCaPem: string): Promise<string> {
  const file = join(directory, 'root-ca.pem');
  await mkdir(directory, { recursive: true });
  await writeFile(file, rootCaPem);
  return file;
}
