import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import type { SealedPrivateKey } from './authority/key-sealing.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

const CURRENT = 'current';

export interface CaState {
  rootCertificatePem: string;
  /** Null when the operator brought the CA: its keys stay in their files. */
  rootSealedKey: SealedPrivateKey | null;
  issuingCertificatePem: string;
  issuingSealedKey: SealedPrivateKey | null;
  rootCrlPem: string;
  rootCrlNumber: bigint;
  issuingCrlPem: string;
  issuingCrlNumber: bigint;
  crlNextUpdate: Date;
}

export type PublishedCrls = Pick<CaState, 'rootCrlPem' | 'rootCrlNumber' | 'issuingCrlPem' | 'issuingCrlNumber' | 'crlNextUpdate'>;

/** The CA's one row: certificates, sealed keys, current CRLs and their numbers. */
@Injectable()
export class CaStateRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async load(): Promise<CaState | null> {
    const row = await this.prisma.certificateAuthorityState.findUnique({ where: { id: CURRENT } });
    if (!row) return null;
    return {
      ...row,
      rootSealedKey: row.rootSealedKey as unknown as SealedPrivateKey | null,
      issuingSealedKey: row.issuingSealedKey as unknown as SealedPrivateKey | null,
    };
  }

  /** First start: false when another replica created the CA first (then load theirs). */
  async createOnce(state: CaState): Promise<boolean> {
    try {
      await this.prisma.certificateAuthorityState.create({
        data: {
          id: CURRENT,
          ...state,
          rootSealedKey: state.rootSealedKey ? (state.rootSealedKey as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
          issuingSealedKey: state.issuingSealedKey ? (state.issuingSealedKey as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
        },
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Replaces the CRLs only if nobody published newer ones meanwhile (numbers must only grow). */
  async publishCrls(previousIssuingNumber: bigint, crls: PublishedCrls): Promise<boolean> {
    const { count } = await this.prisma.certificateAuthorityState.updateMany({
      where: { id: CURRENT, issuingCrlNumber: previousIssuingNumber },
      data: crls,
    });
    return count === 1;
  }
}
