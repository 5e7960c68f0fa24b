import { type ReceivedEvent, isEventOf } from '@pronote/bus';
import { BaseServiceStarted, BaseServiceStopped } from '@pronote/contracts';
import type { ScheduleRegistrar } from './schedule-registrar.js';
import type { ScheduledBasesRepository } from './scheduled-bases.repository.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const BASE_EVENTS_CONSUMER = 'backups-base-service';
export const BASE_EVENT_CONTRACTS = [BaseServiceStarted, BaseServiceStopped];

/**
 * A base put in or out of service: the registry row first (once per event), then the BullMQ mirror.
 * The mirror step is idempotent, so a redelivery after a crash between the two repairs it.
 */
export async function applyBaseEvent(event: ReceivedEvent, bases: ScheduledBasesRepository, registrar: ScheduleRegistrar): Promise<void> {
  if (isEventOf(event, BaseServiceStarted)) {
    const { baseId, uai, name, schoolYear, startedAt } = event.envelope.payload;
    await bases.applyOnce(BASE_EVENTS_CONSUMER, event.envelope.id, { baseId, uai, name, schoolYear, inService: true, monitoredSince: new Date(startedAt) });
  } else if (isEventOf(event, BaseServiceStopped)) {
    const { baseId, uai, name, schoolYear, stoppedAt } = event.envelope.payload;
    await bases.applyOnce(BASE_EVENTS_CONSUMER, event.envelope.id, { baseId, uai, name, schoolYear, inService: false, monitoredSince: new Date(stoppedAt) });
  } else {
    return;
  }
  const base = await bases.find(event.envelope.payload.baseId);
  if (base?.inService) await registrar.add(base.baseId);
  else if (base) await registrar.remove(base.baseId);
}
