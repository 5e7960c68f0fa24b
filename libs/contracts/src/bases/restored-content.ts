import { z } from 'zod';
import { defineCommand } from '../define.js';
import { storedObjectSchema } from '../runtime/protocol.js';
import { uaiSchema } from '../shared/uai.js';

/**
 * Asked by `backups` once the runtime restored a point into the stopped base: the content object at the
 * base's key changed, so bases records its new size + sha256 (the next putting in service verifies
 * them) with a history line. Repeating it with the same content changes nothing but the history.
 */
export const RecordRestoredContent = defineCommand(
  'bases.base.record_restored_content',
  1,
  z.strictObject({
    uai: uaiSchema,
    baseId: z.uuid(),
    content: storedObjectSchema,
    lastEntryAt: z.iso.datetime().nullable(),
    restorePointId: z.uuid(),
    restoredFileName: z.string(),
    actor: z.string().min(1),
  }),
  z.object({ baseId: z.uuid(), state: z.literal('stopped'), content: storedObjectSchema }),
);
