import { z } from 'zod';
import { defineCommand } from '../define.js';
import { uaiSchema } from '../shared/uai.js';
import { actorSchema, baseViewSchema } from './base-lifecycle.js';

/**
 * Resumable upload of base files (Fiche 8). Bytes never travel over NATS: the gateway streams each
 * part into the S3 multipart upload the bases service opened, then records the part here with its
 * ETag, size and SHA-256 (and, for part 1, the first bytes so that the base header is checked at once).
 */
export const UploadErrorCode = {
  UPLOAD_NOT_FOUND: 'UPLOAD_NOT_FOUND',
  UPLOAD_ALREADY_COMPLETED: 'UPLOAD_ALREADY_COMPLETED',
  UPLOAD_PART_INVALID: 'UPLOAD_PART_INVALID',
  UPLOAD_INCOMPLETE: 'UPLOAD_INCOMPLETE',
  UPLOAD_CHECKSUM_MISMATCH: 'UPLOAD_CHECKSUM_MISMATCH',
  /** Annex files and .profils complete an existing base: its id is required. */
  UPLOAD_BASE_REQUIRED: 'UPLOAD_BASE_REQUIRED',
  UPLOAD_PART_TOO_LARGE: 'UPLOAD_PART_TOO_LARGE',
} as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const uploadPartViewSchema = z.object({ partNumber: z.number().int(), size: z.number().int(), sha256 });

export const uploadViewSchema = z.object({
  id: z.uuid(),
  uai: uaiSchema,
  baseId: z.uuid(),
  kind: z.string(),
  fileName: z.string(),
  objectKey: z.string(),
  size: z.number().int(),
  partSize: z.number().int(),
  status: z.enum(['open', 'completed', 'failed']),
  parts: z.array(uploadPartViewSchema),
  /** The part to send next when resuming. */
  nextPartNumber: z.number().int(),
  sha256: sha256.nullable(),
});
export type UploadView = z.infer<typeof uploadViewSchema>;

export const beginUploadRequestSchema = z.strictObject({
  fileName: z.string().min(1).max(255),
  size: z.number().int().min(0),
  /** Expected SHA-256 of the whole file, checked on completion when given. */
  sha256: sha256.optional(),
  /** Annex files and .profils complete an existing base ("Compléter la base hébergée"). */
  baseId: z.uuid().optional(),
});

export const BeginUpload = defineCommand(
  'bases.upload.begin',
  1,
  beginUploadRequestSchema.extend({ uai: uaiSchema, actor: actorSchema }),
  uploadViewSchema,
);

export const GetUpload = defineCommand('bases.upload.get', 1, z.strictObject({ uai: uaiSchema, uploadId: z.uuid() }), uploadViewSchema);

export const RecordUploadPart = defineCommand(
  'bases.upload.record_part',
  1,
  z.strictObject({
    uai: uaiSchema,
    uploadId: z.uuid(),
    partNumber: z.number().int().min(1).max(10_000),
    etag: z.string().min(1),
    size: z.number().int().min(1),
    sha256,
    /** Base64 of the part's first bytes (at most 128), sent with part 1. */
    firstBytes: z.string().max(256).optional(),
  }),
  uploadViewSchema,
);

export const CompleteUpload = defineCommand(
  'bases.upload.complete',
  1,
  z.strictObject({ uai: uaiSchema, uploadId: z.uuid(), actor: actorSchema }),
  z.object({ upload: uploadViewSchema, base: baseViewSchema }),
);

/** Internal (gateway only): where the parts of an open upload go in S3. */
export const GetUploadTarget = defineCommand(
  'bases.upload.target',
  1,
  z.strictObject({ uai: uaiSchema, uploadId: z.uuid() }),
  z.object({ objectKey: z.string(), s3UploadId: z.string(), partSize: z.number().int(), size: z.number().int(), status: z.enum(['open', 'completed', 'failed']) }),
);
