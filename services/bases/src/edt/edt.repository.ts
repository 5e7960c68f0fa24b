import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import type { StoredObject } from '@pronote/contracts';
import { PRISMA } from '@pronote/service-kit';
import type { TimetableGrid } from '../domain/timetable-grid.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Base, HistoryRecord } from '../lifecycle/base.js';
import { BasesRepository, toBase } from '../lifecycle/bases.repository.js';

/** Records an EDT initialisation: the new content, grid and origin, with history and event, at once. */
@Injectable()
export class EdtRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly bases: BasesRepository,
  ) {}

  /** Null when the base stopped being an empty, stopped base meanwhile (nothing is then written). */
  async recordImport(
    base: Base,
    change: { content: StoredObject; grid: TimetableGrid; lastEntryAt: Date; history: HistoryRecord; events: OutboxRecord[] },
  ): Promise<Base | null> {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.base.updateMany({
        where: { id: base.id, state: 'stopped', lastEntryAt: null, origin: { in: ['empty', 'version_switch'] } },
        data: {
          origin: 'edt',
          grid: change.grid as unknown as Prisma.InputJsonValue,
          lastEntryAt: change.lastEntryAt,
          contentKey: change.content.key,
          contentSize: BigInt(change.content.size),
          contentSha256: change.content.sha256,
        },
      });
      if (updated.count !== 1) return null;
      await this.bases.record(tx, change.history, change.events);
      return toBase((await tx.base.findUniqueOrThrow({ where: { id: base.id } })));
    });
  }
}
