/** BullMQ queue and job names of the bases service. Never rename one: live Redis data refers to them. */
export enum QueueName {
  /** "Récupérer les données d'une base PRONOTE" (Fiche 7): jobId = the request's idempotency key. */
  RECOVERY = 'bases-recovery',
  /** The yearly switch (Fiche 3): one scheduler per catalogue version, on its switch date. */
  VERSION_SWITCH = 'bases-version-switch',
}

export enum JobName {
  RECOVER = 'recover',
  RUN_SWITCH = 'run-switch',
}

export interface RecoverData {
  recoveryId: string;
  correlationId?: string;
}

export interface SwitchData {
  version: number;
}
