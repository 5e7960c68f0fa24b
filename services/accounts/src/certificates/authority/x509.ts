// @peculiar/x509 resolves its ASN.1 serializers through tsyringe, which needs the Reflect polyfill
// loaded before it; importing the library only through this module guarantees the order.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };
export const subtle = webcrypto.subtle;
// The library types these as DOM globals, which the Node-only `lib` setting does not declare.
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
