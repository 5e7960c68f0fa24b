import { z } from 'zod';
import { defineCommand } from '../define.js';
import { baseStatisticsSchema } from '../runtime/statistics.js';
import { storedObjectSchema } from '../runtime/protocol.js';
import { uaiSchema } from '../shared/uai.js';
import { schoolYearLabelSchema } from './base-events.js';

/** Codes of the base lifecycle (grid, school-year and upload codes come from the bases domain rules). */
export const BaseErrorCode = {
  BASE_NOT_FOUND: 'BASE_NOT_FOUND',
  /** Database guard: a school never has two bases in service. */
  BASE_ALREADY_IN_SERVICE: 'BASE_ALREADY_IN_SERVICE',
  BASE_ALREADY_EXISTS: 'BASE_ALREADY_EXISTS',
  /** Bases of previous years are kept for consultation only. */
  BASE_READ_ONLY: 'BASE_READ_ONLY',
  PREVIOUS_YEAR_NOT_CONSULTABLE: 'PREVIOUS_YEAR_NOT_CONSULTABLE',
  /** The very first putting in service of a school defines the SPR password (Fiche 4). */
  SPR_PASSWORD_REQUIRED: 'SPR_PASSWORD_REQUIRED',
  SPR_PASSWORD_TOO_WEAK: 'SPR_PASSWORD_TOO_WEAK',
  /** The runtime did not confirm in time: the base keeps its previous state, retrying is safe. */
  RUNTIME_TIMEOUT: 'RUNTIME_TIMEOUT',
  RUNTIME_UNAVAILABLE: 'RUNTIME_UNAVAILABLE',
  /** Another order for the same school (start, stop, import…) did not finish in time: try again. */
  SCHOOL_ORDER_CONFLICT: 'SCHOOL_ORDER_CONFLICT',
} as const;

export const baseStateSchema = z.enum(['stopped', 'in_service']);
export const baseOriginSchema = z.enum(['empty', 'upload', 'version_switch', 'edt']);
/** Who acts, as the history shows it: "operator" or "school:<uai>" (set by the gateway, never by the client). */
export const actorSchema = z.string().min(1).max(200);

export const gridViewSchema = z.object({
  firstDayOfWeek: z.string(),
  workingDays: z.array(z.string()),
  sequenceCount: z.number().int(),
  sequenceMinutes: z.number().int(),
  dayStartsAt: z.string(),
  dayEndsAt: z.string(),
  dayLengthMinutes: z.number().int(),
  dayLengthLabel: z.string(),
  subdivision: z.union([z.number().int(), z.literal('none')]),
  subdivisionMinutes: z.number().int().nullable(),
});

export const baseViewSchema = z.object({
  id: z.uuid(),
  uai: uaiSchema,
  schoolYear: schoolYearLabelSchema,
  /** "Base année 2022-2023" */
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  pronoteVersion: z.number().int(),
  grid: gridViewSchema.nullable(),
  state: baseStateSchema,
  origin: baseOriginSchema,
  createdAt: z.iso.datetime(),
  lastEntryAt: z.iso.datetime().nullable(),
  content: storedObjectSchema,
  /** A base of a year before the school's latest one: consultation only. */
  readOnly: z.boolean(),
  /** Loaded for consultation ("Gérer les années précédentes"). */
  consultation: z.boolean(),
});
export type BaseView = z.infer<typeof baseViewSchema>;

/** The grid as the console sends it; the bases service validates it (GRID_INVALID / _OUT_OF_RANGE / _INCONSISTENT). */
const gridInputSchema = z.record(z.string(), z.unknown());

export const createEmptyBaseRequestSchema = z.strictObject({
  schoolYear: schoolYearLabelSchema,
  /** Defaults to the version in force (the catalogue), else the school year's first year. */
  pronoteVersion: z.number().int().min(2000).max(2099).optional(),
  grid: gridInputSchema.optional(),
});

export const CreateEmptyBase = defineCommand(
  'bases.base.create_empty',
  1,
  createEmptyBaseRequestSchema.extend({ uai: uaiSchema, actor: actorSchema }),
  baseViewSchema,
);

export const ListBases = defineCommand('bases.base.list', 1, z.strictObject({ uai: uaiSchema }), z.object({ bases: z.array(baseViewSchema) }));

export const GetBase = defineCommand('bases.base.get', 1, z.strictObject({ uai: uaiSchema, baseId: z.uuid() }), baseViewSchema);

export const startBaseRequestSchema = z.strictObject({
  /** Required only for the school's very first putting in service. */
  sprPassword: z.string().min(1).max(200).optional(),
});

export const StartBase = defineCommand(
  'bases.base.start',
  1,
  startBaseRequestSchema.extend({ uai: uaiSchema, baseId: z.uuid(), actor: actorSchema }),
  baseViewSchema,
);

export const StopBase = defineCommand(
  'bases.base.stop',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), actor: actorSchema }),
  baseViewSchema,
);

/** "Gérer les années précédentes": load (or unload) a previous year's base for consultation. */
export const SetBaseConsultation = defineCommand(
  'bases.base.set_consultation',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid(), consultation: z.boolean(), actor: actorSchema }),
  baseViewSchema,
);

/** Fiche 9 header: the base in service and what the runtime reports about it. */
export const basePanelSchema = z.object({
  uai: uaiSchema,
  base: baseViewSchema.nullable(),
  statistics: baseStatisticsSchema.nullable(),
  connections: z.number().int().min(0),
  /** False when the runtime did not answer: the panel then shows the recorded data only. */
  runtimeReachable: z.boolean(),
});
export type BasePanel = z.infer<typeof basePanelSchema>;

export const GetBasePanel = defineCommand('bases.base.panel', 1, z.strictObject({ uai: uaiSchema }), basePanelSchema);

export const historyEntrySchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  baseId: z.uuid().nullable(),
  details: z.unknown(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const GetBaseHistory = defineCommand(
  'bases.base.history',
  1,
  z.strictObject({ uai: uaiSchema, baseId: z.uuid().optional(), limit: z.number().int().min(1).max(500).optional() }),
  z.object({ entries: z.array(historyEntrySchema) }),
);
