import { z } from 'zod';
import { defineCommand } from '../define.js';
import { uaiSchema } from '../shared/uai.js';

/** "Licences en modification : x/N — Licences réservées pour les administrateurs : k" (Fiche 11). */
export const licencesViewSchema = z.object({
  uai: uaiSchema,
  inModification: z.number().int().min(0),
  total: z.number().int().min(0),
  reservedForAdministrators: z.number().int().min(0),
  /** Seats held by administrators (they count towards the reserve). */
  heldByAdministrators: z.number().int().min(0),
  label: z.string(),
});
export type LicencesView = z.infer<typeof licencesViewSchema>;

export const GetLicences = defineCommand('sessions.licence.get', 1, z.strictObject({ uai: uaiSchema }), licencesViewSchema);

export const SetAdminReserve = defineCommand(
  'sessions.licence.set-admin-reserve',
  1,
  z.strictObject({ uai: uaiSchema, reserved: z.number().int().min(0).max(100) }),
  licencesViewSchema,
);

/** Who asks for a seat: the runtime's id for the modification session it is about to open. */
const holderIdSchema = z.string().trim().min(1).max(100);

/**
 * Called by the runtime before opening a modification session. Idempotent per holder; refused with
 * LICENCES_EXHAUSTED when no seat is free for this user (administrators may use the reserved ones).
 */
export const AcquireLicence = defineCommand(
  'sessions.licence.acquire',
  1,
  z.strictObject({ uai: uaiSchema, holderId: holderIdSchema, administrator: z.boolean(), userName: z.string().trim().min(1).max(200) }),
  z.object({ granted: z.literal(true), holderId: z.string(), licences: licencesViewSchema }),
);

/** Called by the runtime when a modification session ends. Releasing twice releases once. */
export const ReleaseLicence = defineCommand(
  'sessions.licence.release',
  1,
  z.strictObject({ uai: uaiSchema, holderId: holderIdSchema }),
  z.object({ released: z.boolean(), licences: licencesViewSchema }),
);
