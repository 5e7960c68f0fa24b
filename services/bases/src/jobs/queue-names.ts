/** BullMQ queue and job names of the bases service. Never rename one: live Redis data refers to them. */
export enum QueueName {
  /** "Récupérer les données d'une base PRONOTE" (Fiche 7): jobId = the request's idempotency key. */
  RECOVERY = 'bases-recovery',
  /** The yearly switch (Fiche 3): one scheduler per catalogue version, on its switch date. */
  VERSION_SWITCH = 'bases-version-switch',
  /** Daily removal of content objects no base points to (see content-sweep/). */
  CONTENT_SWEEP = 'bases-content-sweep',
}

export enum JobName {
  RECOVER = 'recover',
  RUN_SWITCH = 'run-switch',
  SWEEP_CONTENT = 'sweep-content',
}

export interface RecoverData {
  recoveryId: string;
  correlationId?: string;
}

export interface SwitchData {
  version: number;
}
