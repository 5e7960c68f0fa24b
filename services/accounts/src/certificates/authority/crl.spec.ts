import { X509Certificate } from 'node:crypto';
import { createTestCertificateAuthority, type TestCertificateAuthority } from './certificate-authority.fixture.js';
import { generateCrl, readCrlNumber } from './crl.js';
import { x509 } from './x509.js';

describe('generateCrl', () => {
  let ca: TestCertificateAuthority;
  const thisUpdate = new Date('2025-03-01T10:00:00.400Z');

  beforeAll(async () => {
    ca = await createTestCertificateAuthority();
  });

  it('lists each revoked serial with its date and RFC 5280 reason, signed by the issuing CA', async () => {
    const crl = await generateCrl(ca.authority.issuing, {
      crlNumber: 7n,
      thisUpdate,
      revoked: [
        { serial: '4A:BC:DE:F0', revokedAt: new Date('2025-02-01T08:00:00Z'), reason: 'keyCompromise' },
        { serial: '51aa', revokedAt: new Date('2025-02-02T08:00:00Z'), reason: 'cessationOfOperation' },
        { serial: '61bb', revokedAt: new Date('2025-02-03T08:00:00Z'), reason: 'superseded' },
        { serial: '71cc', revokedAt: new Date('2025-02-04T08:00:00Z'), reason: 'unspecified' },
      ],
    });
    expect(crl.pem.startsWith('-----BEGIN X509 CRL-----\n')).toBe(true);
    expect(crl.pem.endsWith('-----END X509 CRL-----\n')).toBe(true);

    const parsed = new x509.X509Crl(crl.pem);
    expect(await parsed.verify({ publicKey: ca.authority.issuing.certificate })).toBe(true);
    expect(parsed.issuer).toBe(ca.authority.issuing.certificate.subject);
    expect(parsed.entries.map((entry) => [entry.serialNumber, entry.revocationDate.toISOString(), entry.reason])).toEqual([
      ['4abcdef0', '2025-02-01T08:00:00.000Z', x509.X509CrlReason.keyCompromise],
      ['51aa', '2025-02-02T08:00:00.000Z', x509.X509CrlReason.cessationOfOperation],
      ['61bb', '2025-02-03T08:00:00.000Z', x509.X509CrlReason.superseded],
      // RFC 5280 §5.3.1: "unspecified" is expressed by leaving the reason out.
      ['71cc', '2025-02-04T08:00:00.000Z', undefined],
    ]);
  });

  it('carries the CRL number, thisUpdate and a nextUpdate 7 days later by default', async () => {
    const crl = await generateCrl(ca.authority.issuing, { crlNumber: 42n, thisUpdate, revoked: [] });
    const parsed = new x509.X509Crl(crl.pem);
    expect(readCrlNumber(parsed)).toBe(42n);
    expect(parsed.thisUpdate.toISOString()).toBe('2025-03-01T10:00:00.000Z');
    expect(parsed.nextUpdate?.toISOString()).toBe('2025-03-08T10:00:00.000Z');
    expect(crl).toMatchObject({ crlNumber: 42n, thisUpdate: parsed.thisUpdate, nextUpdate: parsed.nextUpdate });
    expect(parsed.entries).toHaveLength(0);
  });

  it('encodes large CRL numbers as positive DER integers', async () => {
    for (const crlNumber of [0n, 127n, 128n, 255n, 256n, (1n << 64n) + 1n, (1n << 159n) - 1n]) {
      const crl = await generateCrl(ca.authority.issuing, { crlNumber, thisUpdate, revoked: [] });
      expect(readCrlNumber(new x509.X509Crl(crl.pem))).toBe(crlNumber);
    }
  });

  it('can be signed by the root, to cover the issuing CA', async () => {
    const issuingSerial = new X509Certificate(ca.stored.issuing.certificatePem).serialNumber;
    const crl = await generateCrl(ca.rootSigner, {
      crlNumber: 1n,
      revoked: [{ serial: issuingSerial, revokedAt: new Date(), reason: 'cACompromise' }],
    });
    const parsed = new x509.X509Crl(crl.pem);
    expect(await parsed.verify({ publicKey: ca.authority.rootCertificate })).toBe(true);
    expect(parsed.findRevoked(ca.authority.issuing.certificate)?.reason).toBe(x509.X509CrlReason.cACompromise);
  });

  it('refuses bad numbers, dates, serials and reasons', async () => {
    const signer = ca.authority.issuing;
    await expect(generateCrl(signer, { crlNumber: -1n, revoked: [] })).rejects.toMatchObject({ code: 'CRL_NUMBER_INVALID' });
    await expect(generateCrl(signer, { crlNumber: 1n << 159n, revoked: [] })).rejects.toMatchObject({ code: 'CRL_NUMBER_INVALID' });
    await expect(generateCrl(signer, { crlNumber: 1n, thisUpdate, nextUpdate: thisUpdate, revoked: [] })).rejects.toMatchObject({
      code: 'CERTIFICATE_VALIDITY_INVALID',
    });
    await expect(
      generateCrl(signer, { crlNumber: 1n, revoked: [{ serial: 'zz', revokedAt: new Date(), reason: 'keyCompromise' }] }),
    ).rejects.toMatchObject({ code: 'CRL_ENTRY_INVALID' });
    await expect(
      generateCrl(signer, {
        crlNumber: 1n,
        revoked: [{ serial: '4a', revokedAt: new Date(), reason: 'removeFromCRL' as 'keyCompromise' }],
      }),
    ).rejects.toMatchObject({ code: 'CRL_ENTRY_INVALID' });
  });
});
