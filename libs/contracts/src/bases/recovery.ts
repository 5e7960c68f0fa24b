import { z } from 'zod';
import { defineCommand } from '../define.js';
import { uaiSchema } from '../shared/uai.js';
import { schoolYearLabelSchema } from './base-events.js';
import { actorSchema } from './base-lifecycle.js';

/**
 * "Récupérer les données d'une base PRONOTE" and "Préparer l'année suivante" (seed, Fiche 7).
 * Category ids are those of services/bases/src/domain/recovery-categories.ts (the seed's dialog).
 *
 * Preparation file, our documented JSON stand-in for PRONOTE's, version 1:
 * ```json
 * { "format": "pronote-preparation", "version": 1, "uai": "0750654D", "schoolYear": "2022-2023",
 *   "pronoteVersion": 2022, "preparedAt": "…", "sourceSha256": "<sha256 of the base content>",
 *   "data": { "notations": { "items": 1200 }, "etablissement.identite": { "items": 1 }, … } }
 * ```
 * `data` holds one entry per category (leaf id) with the number of items the base holds for it.
 */
export const RecoveryJobErrorCode = {
  /** No base of the previous school year for this school (nor archive to read it from). */
  RECOVERY_SOURCE_NOT_FOUND: 'RECOVERY_SOURCE_NOT_FOUND',
  /** The source is not the year before the base's year. */
  RECOVERY_SOURCE_WRONG_YEAR: 'RECOVERY_SOURCE_WRONG_YEAR',
  RECOVERY_NOT_FOUND: 'RECOVERY_NOT_FOUND',
  PREPARATION_NOT_FOUND: 'PREPARATION_NOT_FOUND',
  PREPARATION_FILE_INVALID: 'PREPARATION_FILE_INVALID',
  PREPARATION_WRONG_SCHOOL: 'PREPARATION_WRONG_SCHOOL',
} as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const preparationFileSchema = z.strictObject({
  format: z.literal('pronote-preparation'),
  version: z.literal(1),
  uai: uaiSchema,
  schoolYear: schoolYearLabelSchema,
  pronoteVersion: z.number().int().min(2000).max(2099),
  preparedAt: z.iso.datetime(),
  sourceSha256: sha256,
  data: z.record(z.string().max(100), z.strictObject({ items: z.number().int().min(0) })),
});
export type PreparationFile = z.infer<typeof preparationFileSchema>;

export const preparationViewSchema = z.object({
  id: z.uuid(),
  uai: uaiSchema,
  fromBaseId: z.uuid().nullable(),
  schoolYear: schoolYearLabelSchema,
  origin: z.enum(['prepared', 'uploaded']),
  size: z.number().int(),
  sha256,
  createdAt: z.iso.datetime(),
});
export type PreparationView = z.infer<typeof preparationViewSchema>;

/** "Préparer l'année suivante": the preparation file of a base, in S3, with a presigned download link. */
export const PrepareNextYear = defineCommand(
  'bases.recovery.prepare_next_year',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), actor: actorSchema }),
  z.object({ preparation: preparationViewSchema, downloadUrl: z.string(), expiresAt: z.iso.datetime() }),
);

/** A preparation file generated elsewhere ("généré en local"), uploaded by the school. */
export const UploadPreparation = defineCommand(
  'bases.recovery.upload_preparation',
  1,
  z.strictObject({ uai: uaiSchema, actor: actorSchema, file: z.unknown() }),
  preparationViewSchema,
);

export const recoverySourceSchema = z.discriminatedUnion('kind', [
  /** The school's base of the previous year, as last recorded (its content object in S3). */
  z.strictObject({ kind: z.literal('previous-year') }),
  z.strictObject({ kind: z.literal('preparation'), preparationId: z.uuid() }),
]);

export const startRecoveryRequestSchema = z.strictObject({
  source: recoverySourceSchema,
  /** Category ids (a group stands for its sub-items); RECOVERY_* codes when invalid. */
  categories: z.array(z.string().max(100)).max(100),
  /** The same key gives the same recovery (and the same job): a retry never recovers twice. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, '8 to 100 letters, digits, - or _'),
});

export const recoveryReportSchema = z.object({
  from: z.object({ schoolYear: schoolYearLabelSchema, pronoteVersion: z.number().int(), sha256, source: z.enum(['previous-year', 'preparation']) }),
  categories: z.array(z.object({ id: z.string(), label: z.string(), kind: z.enum(['records', 'settings']), items: z.number().int().min(0) })),
  totalItems: z.number().int().min(0),
});
export type RecoveryReport = z.infer<typeof recoveryReportSchema>;

export const recoveryViewSchema = z.object({
  id: z.uuid(),
  uai: uaiSchema,
  baseId: z.uuid(),
  idempotencyKey: z.string(),
  source: z.enum(['previous-year', 'preparation']),
  categories: z.array(z.string()),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  report: recoveryReportSchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type RecoveryView = z.infer<typeof recoveryViewSchema>;

export const StartRecovery = defineCommand(
  'bases.recovery.start',
  1,
  startRecoveryRequestSchema.extend({ uai: uaiSchema, baseId: z.uuid(), actor: actorSchema }),
  recoveryViewSchema,
);

export const GetRecovery = defineCommand('bases.recovery.get', 1, z.strictObject({ uai: uaiSchema, recoveryId: z.uuid() }), recoveryViewSchema);
