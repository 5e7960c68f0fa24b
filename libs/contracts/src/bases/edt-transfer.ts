import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { espaceSchema } from '../runtime/connections.js';
import { uaiSchema } from '../shared/uai.js';
import { baseRefShape, schoolYearLabelSchema } from './base-events.js';
import { actorSchema, baseViewSchema } from './base-lifecycle.js';

/**
 * "Vers PRONOTE > Transfert assisté" (seed, Fiche 6): what EDT hands to PRONOTE to initialise an
 * empty base. EDT's real transfer is proprietary; this is our documented JSON stand-in, version 1:
 *
 * ```json
 * { "format": "edt-transfer", "version": 1, "uai": "0750654D", "schoolYear": "2023-2024",
 *   "grid": { "sequenceCount": 10, "sequenceMinutes": 55, "workingDays": ["monday", …] },
 *   "resources": { "professeurs": [{ "code": "P1", "name": "MARTIN Anne" }], "classes": […],
 *                  "matieres": […], "groupes": […], "salles": […], "eleves": […] },
 *   "espaces": ["professeurs", "eleves", "parents"] }
 * ```
 * `grid` uses the keys of the empty-base grid (Fiche 4) and is validated by the same rules. Resource
 * codes are unique per kind. `espaces` are the PRONOTE.net espaces chosen at the transfer.
 * A new field means `version: 2`; version 1 readers refuse unknown keys.
 */
export const EdtErrorCode = {
  /** Only a base nothing was typed into (and not loaded from a file) can be initialised from EDT. */
  EDT_BASE_NOT_EMPTY: 'EDT_BASE_NOT_EMPTY',
  /** The base is served: stop it first, the runtime would overwrite the import when it persists. */
  EDT_BASE_IN_SERVICE: 'EDT_BASE_IN_SERVICE',
  EDT_TRANSFER_WRONG_SCHOOL: 'EDT_TRANSFER_WRONG_SCHOOL',
  EDT_TRANSFER_WRONG_YEAR: 'EDT_TRANSFER_WRONG_YEAR',
  EDT_RESOURCE_DUPLICATE: 'EDT_RESOURCE_DUPLICATE',
} as const;

export const EDT_RESOURCE_KINDS = ['professeurs', 'classes', 'matieres', 'groupes', 'salles', 'eleves'] as const;
export type EdtResourceKind = (typeof EDT_RESOURCE_KINDS)[number];

const MAX_RESOURCES_PER_KIND = 20_000;

export const edtResourceSchema = z.strictObject({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
});

export const edtTransferSchema = z.strictObject({
  format: z.literal('edt-transfer'),
  version: z.literal(1),
  uai: uaiSchema,
  schoolYear: schoolYearLabelSchema,
  /** The grid as EDT defines it; checked by the bases grid rules (GRID_*). */
  grid: z.record(z.string(), z.unknown()),
  resources: z.strictObject(
    Object.fromEntries(EDT_RESOURCE_KINDS.map((kind) => [kind, z.array(edtResourceSchema).max(MAX_RESOURCES_PER_KIND).default([])])) as Record<
      EdtResourceKind,
      z.ZodDefault<z.ZodArray<typeof edtResourceSchema>>
    >,
  ),
  /** The PRONOTE.net espaces to publish, chosen at the transfer (may be none). */
  espaces: z.array(espaceSchema).max(espaceSchema.options.length),
});
export type EdtTransfer = z.infer<typeof edtTransferSchema>;

const resourceCountsSchema = z.object(
  Object.fromEntries(EDT_RESOURCE_KINDS.map((kind) => [kind, z.number().int().min(0)])) as Record<EdtResourceKind, z.ZodNumber>,
);

export const ImportEdtTransfer = defineCommand(
  'bases.base.import_edt',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), actor: actorSchema, transfer: edtTransferSchema }),
  z.object({ base: baseViewSchema, imported: resourceCountsSchema, espaces: z.array(espaceSchema) }),
);

/** The base was initialised from EDT; the publication service publishes the chosen espaces. */
export const BaseEdtImported = defineEvent(
  'hosting.base.edt_imported',
  1,
  z.object({ ...baseRefShape, espaces: z.array(espaceSchema), imported: resourceCountsSchema, importedAt: z.iso.datetime() }),
);
