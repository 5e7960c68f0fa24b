import { z } from 'zod';
import { type CommandContract, defineCommand } from '../define.js';
import { uaiSchema } from '../shared/uai.js';
import { baseStatisticsSchema } from './statistics.js';

/**
 * The runtime protocol (ARCHITECTURE.md): request/reply on `runtime.<uai>.<order>.v1`. Contracts are
 * declared with `*` in place of the UAI: a runtime subscribes to the wildcard (or its own UAIs), a
 * caller addresses one school with `forSchool(contract, uai)`. Large content never travels here:
 * the runtime reads and writes objects in S3 and answers with key, size and sha256.
 */
export function forSchool<C extends CommandContract>(contract: C, uai: string): C {
  return { ...contract, subject: contract.subject.replace('runtime.*.', `runtime.${uai}.`) };
}

export const RuntimeErrorCode = {
  RUNTIME_BASE_NOT_LOADED: 'RUNTIME_BASE_NOT_LOADED',
  RUNTIME_ALREADY_RUNNING: 'RUNTIME_ALREADY_RUNNING',
  RUNTIME_NOT_STOPPED: 'RUNTIME_NOT_STOPPED',
  RUNTIME_CONTENT_INVALID: 'RUNTIME_CONTENT_INVALID',
  RUNTIME_CHECKSUM_MISMATCH: 'RUNTIME_CHECKSUM_MISMATCH',
  RUNTIME_CONNECTION_NOT_FOUND: 'RUNTIME_CONNECTION_NOT_FOUND',
  /** The object named by `content.key` / `source.key` does not exist. */
  RUNTIME_CONTENT_NOT_FOUND: 'RUNTIME_CONTENT_NOT_FOUND',
  /** Connections and activity need the base in service. */
  RUNTIME_NOT_IN_SERVICE: 'RUNTIME_NOT_IN_SERVICE',
  /**
   * `restore` named a preparation the runtime does not hold (expired, replaced by a newer preparation
   * for the school, or the runtime restarted: preparations live in memory): prepare again.
   */
  RUNTIME_RESTORE_NOT_PREPARED: 'RUNTIME_RESTORE_NOT_PREPARED',
} as const;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const objectKeySchema = z.string().min(1).max(1024);

export const storedObjectSchema = z.object({ key: objectKeySchema, size: z.number().int().min(0), sha256: sha256Schema });
export type StoredObject = z.infer<typeof storedObjectSchema>;

export const runtimeStateSchema = z.enum(['stopped', 'in_service']);

/** What the runtime knows of the base it holds for a school. */
export const runtimeStatusSchema = z.object({
  uai: uaiSchema,
  baseId: z.uuid().nullable(),
  state: runtimeStateSchema,
  createdAt: z.iso.datetime().nullable(),
  lastEntryAt: z.iso.datetime().nullable(),
  statistics: baseStatisticsSchema.nullable(),
  connections: z.number().int().min(0),
});
export type RuntimeStatus = z.infer<typeof runtimeStatusSchema>;

/** Loads the base content from `contentKey` (verified against `sha256`) and serves it. */
export const RuntimeStart = defineCommand(
  'runtime.*.start',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), content: storedObjectSchema }),
  runtimeStatusSchema,
);

/** Stops serving and persists the content to `contentKey`; answers with the stored object. */
export const RuntimeStop = defineCommand(
  'runtime.*.stop',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), contentKey: objectKeySchema }),
  z.object({ status: runtimeStatusSchema, content: storedObjectSchema }),
);

/** Writes a consistent copy of the served (or stopped) base to `targetKey`. */
export const RuntimeSnapshot = defineCommand(
  'runtime.*.snapshot',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), targetKey: objectKeySchema }),
  z.object({
    object: storedObjectSchema,
    statistics: baseStatisticsSchema,
    createdAt: z.iso.datetime(),
    lastEntryAt: z.iso.datetime().nullable(),
  }),
);

/**
 * A restore, step 1 — allowed while the base is still served, so that a bad point is refused before
 * anything is stopped. The runtime reads `source` once (size + sha256 checked, then decoded as a base
 * it may load) and, at the same time, copies that same version server-side to `stagingKey`; it holds
 * the verified base in memory under `preparationId` until `restore` takes it or `expiresAt`. Any
 * failure leaves nothing at `stagingKey`.
 */
export const RuntimeRestorePrepare = defineCommand(
  'runtime.*.restore_prepare',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), source: storedObjectSchema, stagingKey: objectKeySchema }),
  z.object({ preparationId: z.uuid(), content: storedObjectSchema, expiresAt: z.iso.datetime() }),
);

/**
 * A restore, step 2: the runtime must be stopped; it holds the prepared base, `stopped`, under
 * `baseId`. No byte moves: the answered `content` is the staging object, which becomes the base's
 * content object once `bases` records it.
 */
export const RuntimeRestore = defineCommand(
  'runtime.*.restore',
  2,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), preparationId: z.uuid() }),
  z.object({ status: runtimeStatusSchema, content: storedObjectSchema }),
);

export const RuntimeStats = defineCommand('runtime.*.stats', 1, z.strictObject({ uai: uaiSchema }), runtimeStatusSchema);

export const RuntimeDisconnect = defineCommand(
  'runtime.*.disconnect',
  1,
  z.strictObject({ uai: uaiSchema, connectionId: z.string().min(1) }),
  z.object({ disconnected: z.literal(true) }),
);
