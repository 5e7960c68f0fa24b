import { type DynamicModule, Global, Module } from '@nestjs/common';
import { createKeyEncryptionKeyring } from '../certificates/authority/key-sealing.js';
import type { AccountsConfig } from './accounts.config.js';

export const ACCOUNTS_CONFIG = Symbol('ACCOUNTS_CONFIG');
/** The key-encryption keyring (CA keys and pending notification bodies are sealed under it). */
export const KEYRING = Symbol('KEYRING');

@Global()
@Module({})
export class SettingsModule {
  static forRoot(config: AccountsConfig): DynamicModule {
    const keyring = createKeyEncryptionKeyring(config.CA_KEY_ID, {
      [config.CA_KEY_ID]: Buffer.from(config.CA_KEY_ENCRYPTION_KEY, 'base64'),
    });
    return {
      module: SettingsModule,
      providers: [
        { provide: ACCOUNTS_CONFIG, useValue: config },
        { provide: KEYRING, useValue: keyring },
      ],
      exports: [ACCOUNTS_CONFIG, KEYRING],
    };
  }
}
