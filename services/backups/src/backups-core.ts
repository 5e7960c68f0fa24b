import type { Bus } from '@pronote/bus';
import type { ObjectStore } from '@pronote/storage';
import { ConsoleService } from './console/console.service.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { VerificationService } from './integrity/verification.service.js';
import { RestorePointsRepository } from './records/restore-points.repository.js';
import { RetentionService } from './retention/retention.service.js';
import { outboxWriter } from './restore/restore-history.js';
import { RestoreService } from './restore/restore.service.js';
import { BackupRunner } from './runs/backup-runner.js';
import { RuntimeClient } from './runs/runtime-client.js';
import { ScheduledBasesRepository } from './schedules/scheduled-bases.repository.js';

export interface CoreInputs {
  prisma: PrismaClient;
  store: ObjectStore;
  bus: Bus;
  /** Wakes the outbox relay after a commit. */
  notify: () => void;
  runtimeTimeouts?: { snapshotMs: number; restoreMs: number; queryMs: number };
}

/** The service's objects wired together once: used by the Nest module, the worker process, tests and benches. */
export function createBackupsCore(inputs: CoreInputs) {
  const points = new RestorePointsRepository(inputs.prisma);
  const bases = new ScheduledBasesRepository(inputs.prisma);
  const runtime = new RuntimeClient(inputs.bus, inputs.runtimeTimeouts ?? { snapshotMs: 120_000, restoreMs: 300_000, queryMs: 10_000 });
  const retention = new RetentionService(points, bases, inputs.store, inputs.notify);
  const runner = new BackupRunner({ points, bases, store: inputs.store, runtime, retention, notify: inputs.notify });
  const restore = new RestoreService({
    points,
    bases,
    store: inputs.store,
    runtime,
    runner,
    notify: inputs.notify,
    recordHistory: outboxWriter(inputs.prisma),
  });
  const console = new ConsoleService({ points, bases, store: inputs.store, runtime, runner });
  const verification = new VerificationService(points, inputs.store, inputs.notify);
  return { points, bases, runtime, retention, runner, restore, console, verification };
}

export type BackupsCore = ReturnType<typeof createBackupsCore>;
