import type { Bus } from '@pronote/bus';
import type { ObjectStore } from '@pronote/storage';
import type pg from 'pg';
import { ConsoleService } from './console/console.service.js';
import { OperatorViews } from './console/operator-views.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { AlertsRepository } from './integrity/alerts.repository.js';
import { AlertsService } from './integrity/alerts.service.js';
import { DrillService } from './integrity/drill.service.js';
import { VerificationService } from './integrity/verification.service.js';
import { RestorePointsRepository } from './records/restore-points.repository.js';
import { RetentionService } from './retention/retention.service.js';
import { outboxWriter } from './restore/restore-history.js';
import { RestoreService } from './restore/restore.service.js';
import { BackupRunner } from './runs/backup-runner.js';
import { RuntimeClient } from './runs/runtime-client.js';
import { ScheduledBasesRepository } from './schedules/scheduled-bases.repository.js';

/** 0000000A: a valid UAI (check letter of 0 is A) no school has. */
export const DEFAULT_DRILL_SANDBOX_UAI = '0000000A';

export interface CoreInputs {
  prisma: PrismaClient;
  /** The pool of a run's statements (`createRunsPool`), on the same schema as `prisma`. */
  runsPool: pg.Pool;
  store: ObjectStore;
  bus: Bus;
  /** Wakes the outbox relay after a commit. */
  notify: () => void;
  /** The sandbox runtime restore drills use; never a school's live one. */
  drillSandboxUai?: string;
  runtimeTimeouts?: { snapshotMs: number; restoreMs: number; queryMs: number };
}

/** The service's objects wired together once: used by the Nest module, the worker process, tests and benches. */
export function createBackupsCore(inputs: CoreInputs) {
  const points = new RestorePointsRepository(inputs.prisma, inputs.runsPool);
  const bases = new ScheduledBasesRepository(inputs.prisma);
  const runtime = new RuntimeClient(inputs.bus, inputs.runtimeTimeouts ?? { snapshotMs: 120_000, restoreMs: 300_000, queryMs: 10_000 });
  const retention = new RetentionService(points, inputs.store, inputs.notify);
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
  const alertRecords = new AlertsRepository(inputs.prisma);
  const alerts = new AlertsService(bases, alertRecords, runtime, inputs.notify);
  const drills = new DrillService(points, alertRecords, runtime, inputs.store, inputs.drillSandboxUai ?? DEFAULT_DRILL_SANDBOX_UAI, inputs.notify);
  const operator = new OperatorViews(points, alertRecords);
  return { points, bases, runtime, retention, runner, restore, console, verification, alertRecords, alerts, drills, operator };
}

export type BackupsCore = ReturnType<typeof createBackupsCore>;
