import { z } from 'zod';
import { BASE_STATISTIC_KEYS } from './statistics.js';

/** One thing a user typed in a served base: it moves one counter by `delta` (an absence: absences +1). */
export const activityEntrySchema = z.strictObject({
  at: z.iso.datetime(),
  statistic: z.enum(BASE_STATISTIC_KEYS),
  delta: z.number().int().min(-0x8000_0000).max(0x7fff_ffff),
  text: z.string().max(65_535),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** Body of `POST /sim/schools/:uai/entries` on the simulator's own HTTP port: all applied or none. */
export const recordActivityRequestSchema = z.strictObject({ entries: z.array(activityEntrySchema).min(1).max(1000) });
export type RecordActivityRequest = z.infer<typeof recordActivityRequestSchema>;
