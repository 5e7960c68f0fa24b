import { Inject, Injectable } from '@nestjs/common';
import { type OutboxRecord, claimMessage } from '@pronote/bus';
import type { EspaceDelegation } from '@pronote/contracts';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import { DelegationNameUsedError } from '../delegations/delegations.errors.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { type DelegationRecord, type EspaceRecord, type SchoolRecord, newSchool } from './school-record.js';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface SchoolChange<T> {
  next: SchoolRecord;
  result: T;
  /** Events written to the outbox in the same transaction. */
  events: OutboxRecord[];
}

const withChildren = { espaces: true, delegations: { orderBy: { createdAt: 'asc' as const } } };

/** The only Prisma caller of the school aggregate: read whole, changed under a row lock, saved whole. */
@Injectable()
export class SchoolRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async load(uai: string): Promise<SchoolRecord | null> {
    const row = await this.prisma.schoolPublication.findUnique({ where: { uai }, include: withChildren });
    return row ? toRecord(row) : null;
  }

  /**
   * Runs `change` on the current school (a new one if none) while holding its row, then saves the
   * result. With `claim`, an event already applied by this consumer changes nothing (returns null).
   */
  async change<T>(
    uai: string,
    change: (school: SchoolRecord) => SchoolChange<T>,
    claim?: { consumer: string; messageId: string },
  ): Promise<T | null> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        if (claim && !(await claimMessage(tx, claim.consumer, claim.messageId))) return null;
        // The upsert's UPDATE locks the row: concurrent changes of one school run one after the other.
        await tx.schoolPublication.upsert({ where: { uai }, create: { uai }, update: { updatedAt: new Date() } });
        const current = await tx.schoolPublication.findUniqueOrThrow({ where: { uai }, include: withChildren });
        const { next, result, events } = change(mergeDefaults(toRecord(current)));
        await save(tx, next);
        for (const event of events) await tx.outboxEvent.create({ data: { ...event, envelope: event.envelope as object } });
        return result;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DelegationNameUsedError('(same name)');
      throw error;
    }
  }

  /** Records a CAS ticket as presented; false when it was already (replay, on any instance). */
  async claimCasTicket(ticketHash: string, uai: string): Promise<boolean> {
    try {
      await this.prisma.usedCasTicket.create({ data: { ticketHash, uai } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}

async function save(tx: Tx, school: SchoolRecord): Promise<void> {
  await tx.schoolPublication.update({
    where: { uai: school.uai },
    data: { enabled: school.enabled, baseInService: school.baseInService, baseId: school.baseId, baseName: school.baseName },
  });
  // Delegations first: espaces reference them.
  for (const { id, ...delegation } of school.delegations) {
    await tx.delegation.upsert({ where: { id }, create: { id, uai: school.uai, ...delegation }, update: delegation });
  }
  for (const { espace, ...settings } of school.espaces) {
    await tx.espaceSetting.upsert({ where: { uai_espace: { uai: school.uai, espace } }, create: { uai: school.uai, espace, ...settings }, update: settings });
  }
}

/** A school saved before an espace or a protocol existed gets its defaults. */
function mergeDefaults(school: SchoolRecord): SchoolRecord {
  const defaults = newSchool(school.uai);
  return {
    ...school,
    espaces: defaults.espaces.map((d) => school.espaces.find((e) => e.espace === d.espace) ?? d),
    delegations: [
      ...defaults.delegations.filter((d) => !school.delegations.some((s) => s.id === d.id)),
      ...school.delegations,
    ],
  };
}

interface SchoolRow {
  uai: string;
  enabled: boolean;
  baseInService: boolean;
  baseId: string | null;
  baseName: string | null;
  updatedAt: Date;
  espaces: { espace: string; published: boolean; delegation: EspaceDelegation; casDelegationId: string | null }[];
  delegations: (DelegationRecord & { uai: string; createdAt: Date })[];
}

function toRecord(row: SchoolRow): SchoolRecord {
  return {
    uai: row.uai,
    enabled: row.enabled,
    baseInService: row.baseInService,
    baseId: row.baseId,
    baseName: row.baseName,
    updatedAt: row.updatedAt,
    espaces: row.espaces.map((e) => ({ ...e, espace: e.espace as EspaceRecord['espace'] })),
    delegations: row.delegations.map(({ uai: _uai, createdAt: _createdAt, ...d }) => d),
  };
}

/** Reads return the defaults for a school no event or change has touched yet. */
export function orNew(uai: string, school: SchoolRecord | null): SchoolRecord {
  return school ? mergeDefaults(school) : newSchool(uai);
}
