import { type Bus, sendCommand } from '@pronote/bus';
import type { CommandContract, RequestOf, ResponseOf } from '@pronote/contracts';

/** Runs that take a snapshot (manual backup) or a restore wait for the runtime and S3: more time. */
export const RUNTIME_WORK_FACTOR = 6;

export function sendBackupsCommand<C extends CommandContract>(bus: Bus, timeoutMs: number, contract: C, request: RequestOf<C>, factor = 1): Promise<ResponseOf<C>> {
  return sendCommand(bus, contract, request, { timeoutMs: timeoutMs * factor });
}
