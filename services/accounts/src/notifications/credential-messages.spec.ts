import { randomBytes } from 'node:crypto';
import { createKeyEncryptionKeyring } from '../certificates/authority/key-sealing.js';
import { credentialDeliveries } from './credential-messages.js';
import { openBody } from './sealed-body.js';

describe('credentialDeliveries', () => {
  const keyring = createKeyEncryptionKeyring('k1', { k1: randomBytes(32) });
  const credentials = {
    accountId: '7b0f6a52-5b0e-4a38-9d5f-7f1f1c2e9a10',
    uai: '0750654D',
    hostingNumber: '123456789012',
    password: 'Pq7RstUvWxYz23456789',
    phone: '+33612345678',
    email: 'direction@ecole.example',
    purpose: 'account_opened' as const,
  };

  it('sends the password by SMS and the hosting number by e-mail, never both on one channel', () => {
    const [sms, email] = credentialDeliveries(credentials, keyring).map((delivery) => ({ ...delivery, body: openBody(delivery.sealedBody, keyring) }));
    expect(sms).toMatchObject({ channel: 'sms', recipient: '+33612345678' });
    expect(sms!.body.text).toContain(credentials.password);
    expect(sms!.body.text).not.toContain(credentials.hostingNumber);
    expect(email).toMatchObject({ channel: 'email', recipient: 'direction@ecole.example' });
    expect(email!.body.text).toContain(credentials.hostingNumber);
    expect(email!.body.text).not.toContain(credentials.password);
  });

  it('keeps the message sealed: the stored form holds no password, and another key cannot open it', () => {
    const [sms] = credentialDeliveries(credentials, keyring);
    expect(JSON.stringify(sms!.sealedBody)).not.toContain(credentials.password);
    const otherKeyring = createKeyEncryptionKeyring('k1', { k1: randomBytes(32) });
    expect(() => openBody(sms!.sealedBody, otherKeyring)).toThrow(expect.objectContaining({ code: 'CA_SEALED_KEY_UNREADABLE' }));
  });
});
