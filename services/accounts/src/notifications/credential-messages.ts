import { randomUUID } from 'node:crypto';
import type { KeyEncryptionKeyring, SealedPrivateKey } from '../certificates/authority/key-sealing.js';
import type { Channel } from './notification-sender.js';
import { sealBody } from './sealed-body.js';

export type DeliveryPurpose = 'account_opened' | 'credentials_resent';

export interface NewDelivery {
  id: string;
  accountId: string;
  channel: Channel;
  purpose: DeliveryPurpose;
  recipient: string;
  sealedBody: SealedPrivateKey;
}

export interface CredentialsToSend {
  accountId: string;
  uai: string;
  hostingNumber: string;
  password: string;
  phone: string;
  email: string;
  purpose: DeliveryPurpose;
}

/** Seed, Fiche 2: the password goes by SMS, the hosting number by e-mail, never both on one channel. */
export function credentialDeliveries(credentials: CredentialsToSend, keyring: KeyEncryptionKeyring): NewDelivery[] {
  const { accountId, uai, purpose } = credentials;
  const sms = {
    subject: `Console d'hébergement ${uai}`,
    text: `PRONOTE Hébergement ${uai} - mot de passe de la console : ${credentials.password}`,
  };
  const email = {
    subject: `Vos identifiants d'hébergement PRONOTE (${uai})`,
    text: [
      'Bonjour,',
      '',
      `Numéro d'hébergement de l'établissement ${uai} : ${credentials.hostingNumber}`,
      'Le mot de passe de la console vous est envoyé par SMS.',
    ].join('\n'),
  };
  return [
    { id: randomUUID(), accountId, channel: 'sms', purpose, recipient: credentials.phone, sealedBody: sealBody(sms, keyring) },
    { id: randomUUID(), accountId, channel: 'email', purpose, recipient: credentials.email, sealedBody: sealBody(email, keyring) },
  ];
}
