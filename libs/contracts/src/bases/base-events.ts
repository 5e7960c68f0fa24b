import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { uaiSchema } from '../shared/uai.js';

export const schoolYearLabelSchema = z.string().regex(/^\d{4}-\d{4}$/, 'a school year like 2022-2023');

/** Where a base's current content lives in S3 (`bases/<uai>/<baseId>/content.hnot`). */
export function baseContentKey(uai: string, baseId: string): string {
  return `bases/${uai}/${baseId}/content.hnot`;
}

/**
 * Where a restore stages the restored bytes (`bases/<uai>/<baseId>/content/<restoreId>.hnot`): the
 * runtime copies the point there while the live base still runs, and the object becomes the base's
 * content when bases records it (so a restore switches a pointer instead of copying twice).
 */
export function restoredContentKey(uai: string, baseId: string, restoreId: string): string {
  return `bases/${uai}/${baseId}/content/${restoreId}.hnot`;
}

/** Whether `key` is a content object of the base (current, replaced or staged), not one of its annex files. */
export function isBaseContentKey(uai: string, baseId: string, key: string): boolean {
  return key === baseContentKey(uai, baseId) || key.startsWith(`bases/${uai}/${baseId}/content/`);
}

const CONTENT_KEY = /^bases\/([^/]+)\/([^/]+)\/(?:content\.hnot|content\/[^/]+\.hnot)$/;

/** The base a content object belongs to (current, replaced or staged), or null for any other key. */
export function baseOfContentKey(key: string): { uai: string; baseId: string } | null {
  const match = CONTENT_KEY.exec(key);
  return match ? { uai: match[1]!, baseId: match[2]! } : null;
}

/** The identity every base event repeats. */
export const baseRefShape = {
  baseId: z.uuid(),
  uai: uaiSchema,
  schoolYear: schoolYearLabelSchema,
  /** "Base année 2022-2023" */
  name: z.string(),
  contentKey: z.string(),
};

export const BaseCreated = defineEvent(
  'hosting.base.created',
  1,
  z.object({
    ...baseRefShape,
    pronoteVersion: z.number().int(),
    origin: z.enum(['empty', 'upload', 'version_switch', 'edt']),
    createdAt: z.iso.datetime(),
  }),
);

/** The runtime confirmed the base is served: backups schedule it from now on. */
export const BaseServiceStarted = defineEvent('hosting.base.service_started', 1, z.object({ ...baseRefShape, startedAt: z.iso.datetime() }));

/** The runtime confirmed the base is stopped: its backup schedules are removed. */
export const BaseServiceStopped = defineEvent(
  'hosting.base.service_stopped',
  1,
  z.object({ ...baseRefShape, stoppedAt: z.iso.datetime(), reason: z.enum(['manager', 'replaced', 'restore', 'operator']) }),
);

/** Asked by `backups` before a confirmed restore: stop the base through the runtime, with history. */
export const StopBaseForRestore = defineCommand(
  'bases.base.stop_for_restore',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), actor: z.string().min(1) }),
  z.object({ baseId: z.uuid(), state: z.literal('stopped') }),
);
