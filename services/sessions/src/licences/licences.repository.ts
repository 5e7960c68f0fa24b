import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** Prisma client or interactive transaction. */
type Db = PrismaClient | Prisma.TransactionClient;

export type AcquireOutcome = 'granted' | 'already_held' | 'refused';

/**
 * Seats and their counters on the School row, changed together in one statement. Concurrent
 * statements on one school queue on its row lock, and Postgres re-checks the WHERE against the row
 * the previous one committed: that is what makes "200 acquires for 4 seats" grant exactly 4.
 */
@Injectable()
export class LicencesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async acquire(uai: string, holderId: string, administrator: boolean, userName: string): Promise<AcquireOutcome> {
    try {
      // The WHERE is licence-rules.ts' mayTakeSeat in SQL.
      const rows = await this.prisma.$queryRaw<Array<{ holderId: string }>>`
        WITH granted AS (
          UPDATE "School"
             SET "seatsInUse" = "seatsInUse" + 1,
                 "adminSeatsInUse" = "adminSeatsInUse" + CASE WHEN ${administrator}::boolean THEN 1 ELSE 0 END
           WHERE "uai" = ${uai}
             AND NOT EXISTS (SELECT 1 FROM "LicenceSeat" WHERE "uai" = ${uai} AND "holderId" = ${holderId})
             AND CASE WHEN ${administrator}::boolean
                      THEN "licences" - "seatsInUse" > 0
                      ELSE "licences" - "seatsInUse" > GREATEST(0, "adminReserve" - "adminSeatsInUse") END
          RETURNING "uai"
        )
        INSERT INTO "LicenceSeat" ("uai", "holderId", "administrator", "userName")
        SELECT "uai", ${holderId}, ${administrator}::boolean, ${userName} FROM granted
        RETURNING "holderId"`;
      if (rows.length > 0) return 'granted';
    } catch (error) {
      // The same holder acquiring twice at once: the second insert collides and its whole statement is undone.
      if (!isUniqueViolation(error) && !isRawUniqueViolation(error)) throw error;
    }
    return (await this.holds(uai, holderId)) ? 'already_held' : 'refused';
  }

  /** True when the holder had a seat (now freed). */
  async release(uai: string, holderId: string): Promise<boolean> {
    return (await this.releaseMany(this.prisma, [{ uai, holderId }])) > 0;
  }

  /** Frees the seats these holders have (those without one are ignored), in one statement; how many were freed. */
  async releaseMany(db: Db, holders: ReadonlyArray<{ uai: string; holderId: string }>): Promise<number> {
    if (holders.length === 0) return 0;
    const rows = await db.$queryRaw<Array<{ seats: number }>>`
      WITH holder AS (
        SELECT * FROM unnest(${holders.map((h) => h.uai)}::text[], ${holders.map((h) => h.holderId)}::text[]) AS h("uai", "holderId")
      ), released AS (
        DELETE FROM "LicenceSeat" AS seat USING holder
         WHERE seat."uai" = holder."uai" AND seat."holderId" = holder."holderId"
        RETURNING seat."uai", seat."administrator"
      ), per_school AS (
        SELECT "uai", count(*)::int AS seats, (count(*) FILTER (WHERE "administrator"))::int AS admin FROM released GROUP BY "uai"
      )
      UPDATE "School" AS s
         SET "seatsInUse" = s."seatsInUse" - p.seats,
             "adminSeatsInUse" = s."adminSeatsInUse" - p.admin
        FROM per_school AS p
       WHERE s."uai" = p."uai"
      RETURNING p.seats`;
    return rows.reduce((sum, { seats }) => sum + seats, 0);
  }

  /**
   * A seat the runtime already uses (a connection opened "en modification" without asking): the
   * runtime is the authority on what is open, so it is counted even beyond N.
   */
  async recordSeatInUse(db: Db, uai: string, holderId: string, administrator: boolean, userName: string): Promise<void> {
    await db.$executeRaw`
      WITH seat AS (
        INSERT INTO "LicenceSeat" ("uai", "holderId", "administrator", "userName")
        VALUES (${uai}, ${holderId}, ${administrator}::boolean, ${userName})
        ON CONFLICT DO NOTHING
        RETURNING "uai", "administrator"
      )
      UPDATE "School" AS s
         SET "seatsInUse" = s."seatsInUse" + 1,
             "adminSeatsInUse" = s."adminSeatsInUse" + CASE WHEN seat."administrator" THEN 1 ELSE 0 END
        FROM seat
       WHERE s."uai" = seat."uai"`;
  }

  async holds(uai: string, holderId: string): Promise<boolean> {
    return (await this.prisma.licenceSeat.count({ where: { uai, holderId } })) > 0;
  }

  async setAdminReserve(uai: string, reserved: number): Promise<boolean> {
    return (await this.prisma.school.updateMany({ where: { uai, licences: { gte: reserved } }, data: { adminReserve: reserved } })).count > 0;
  }
}

/** A raw query's unique violation surfaces as the driver's SQLSTATE 23505. */
function isRawUniqueViolation(error: unknown): boolean {
  return /23505|unique constraint/i.test(String((error as { message?: unknown })?.message ?? ''));
}
