import { Inject, Injectable } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { BaseErrorCode, DomainError } from '@pronote/contracts';
import { PRISMA } from '@pronote/service-kit';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { SprPasswords } from './spr-password.js';

/** `Algorithm.Argon2id` of @node-rs/argon2 (an ambient const enum, unusable with isolatedModules). */
const ARGON2ID = 2;

/** SPR passwords as argon2id hashes in this service's schema, until accounts takes them over. */
@Injectable()
export class Argon2SprPasswords implements SprPasswords {
  private readonly minLength: number;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(BASES_CONFIG) config: BasesConfig,
  ) {
    this.minLength = config.SPR_PASSWORD_MIN_LENGTH;
  }

  async isDefined(uai: string): Promise<boolean> {
    return (await this.prisma.sprPassword.count({ where: { uai } })) > 0;
  }

  async hashNew(password: string): Promise<string> {
    if (password.length < this.minLength) {
      throw new DomainError(BaseErrorCode.SPR_PASSWORD_TOO_WEAK, `sprPassword: at least ${this.minLength} characters are required`, {
        field: 'sprPassword',
        minLength: this.minLength,
      });
    }
    return hash(password, { algorithm: ARGON2ID });
  }
}
