/** BullMQ queue and job names of the backups service. Never rename one: live Redis data refers to them. */
export enum QueueName {
  /** Ticks fired by the per-base job schedulers; each tick enqueues one run for its slot. */
  SCHEDULES = 'backups-schedules',
  /** Runs with jobId = (kind, baseId, slot): exactly one job per slot. */
  RUNS = 'backups-runs',
  /** Platform-wide jobs: verification, drills, alerts, sweeper. */
  MAINTENANCE = 'backups-maintenance',
}

export enum JobName {
  BACKUP_TICK = 'backup-tick',
  ARCHIVE_TICK = 'archive-tick',
  RUN = 'run',
  VERIFY = 'verify-integrity',
  DRILL = 'restore-drill',
  ALERTS = 'evaluate-alerts',
  SWEEP = 'sweep',
}

export interface TickData {
  baseId: string;
}

export interface RunData {
  kind: 'backup' | 'archive';
  baseId: string;
  /** ISO instant of the slot. */
  slot: string;
  correlationId?: string;
}
