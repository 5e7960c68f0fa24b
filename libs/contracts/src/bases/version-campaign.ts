import { z } from 'zod';
import { defineCommand } from '../define.js';
import { uaiSchema } from '../shared/uai.js';
import { schoolYearLabelSchema } from './base-events.js';

export const VersionCampaignErrorCode = {
  /** The switch of that version already ran to the end for every school: running it again changes nothing. */
  SWITCH_ALREADY_COMPLETED: 'SWITCH_ALREADY_COMPLETED',
  SWITCH_NOT_DUE: 'SWITCH_NOT_DUE',
  SWITCH_CAMPAIGN_NOT_FOUND: 'SWITCH_CAMPAIGN_NOT_FOUND',
} as const;

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const versionReleaseViewSchema = z.object({
  version: z.number().int(),
  preVersionOpensOn: calendarDate,
  switchOn: calendarDate,
  schoolYear: schoolYearLabelSchema,
});
export type VersionReleaseView = z.infer<typeof versionReleaseViewSchema>;

/** Operator: add or change a version of the catalogue (dates default to 1 July and 20 August). */
export const putVersionReleaseRequestSchema = z.strictObject({
  preVersionOpensOn: calendarDate.optional(),
  switchOn: calendarDate.optional(),
});

export const PutVersionRelease = defineCommand(
  'bases.version.put',
  1,
  putVersionReleaseRequestSchema.extend({ version: z.number().int().min(2000).max(2099) }),
  versionReleaseViewSchema,
);

export const ListVersionReleases = defineCommand(
  'bases.version.list',
  1,
  z.strictObject({}),
  z.object({ releases: z.array(versionReleaseViewSchema) }),
);

/** A school asks for the pre-version early (Fiche 3). */
export const RequestPreVersion = defineCommand(
  'bases.version.request_pre_version',
  1,
  z.strictObject({ uai: uaiSchema, version: z.number().int(), actor: z.string().min(1), today: calendarDate.optional() }),
  z.object({ uai: uaiSchema, version: z.number().int(), requestedAt: z.iso.datetime() }),
);

export const switchDecisionKindSchema = z.enum(['create-and-start-new', 'start-existing-new', 'keep', 'nothing-in-service']);

export const switchSchoolResultSchema = z.object({
  uai: uaiSchema,
  status: z.enum(['done', 'failed']),
  decision: switchDecisionKindSchema.nullable(),
  baseId: z.uuid().nullable(),
  error: z.string().nullable(),
  at: z.iso.datetime(),
});

export const switchCampaignViewSchema = z.object({
  version: z.number().int(),
  status: z.enum(['running', 'completed']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  schools: z.number().int(),
  processed: z.number().int(),
  failed: z.number().int(),
  results: z.array(switchSchoolResultSchema),
});
export type SwitchCampaignView = z.infer<typeof switchCampaignViewSchema>;

/** Operator (or the daily schedule): run, or resume, the switch of a version for every school. */
export const RunVersionSwitch = defineCommand(
  'bases.version.run_switch',
  1,
  z.strictObject({ version: z.number().int(), today: calendarDate.optional(), actor: z.string().min(1) }),
  switchCampaignViewSchema,
);

export const GetVersionSwitch = defineCommand(
  'bases.version.get_switch',
  1,
  z.strictObject({ version: z.number().int() }),
  switchCampaignViewSchema,
);
