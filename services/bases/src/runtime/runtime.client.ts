import { Inject, Injectable } from '@nestjs/common';
import { type Bus, RemoteCommandError, sendCommand } from '@pronote/bus';
import {
  BaseErrorCode,
  CommonErrorCode,
  DomainError,
  RuntimeStart,
  RuntimeStats,
  RuntimeStop,
  type CommandContract,
  type RequestOf,
  type ResponseOf,
  type RuntimeStatus,
  type StoredObject,
  forSchool,
} from '@pronote/contracts';
import { BUS } from '@pronote/service-kit';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';

/**
 * Orders to the hosted runtime of one school (runtime protocol). A runtime that does not answer in
 * time becomes RUNTIME_TIMEOUT, no responder RUNTIME_UNAVAILABLE; the runtime's own codes pass through.
 */
@Injectable()
export class RuntimeClient {
  private readonly timeoutMs: number;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(BASES_CONFIG) config: BasesConfig,
  ) {
    this.timeoutMs = config.RUNTIME_TIMEOUT_MS;
  }

  start(uai: string, baseId: string, content: StoredObject): Promise<RuntimeStatus> {
    return this.order(RuntimeStart, uai, { uai, baseId, content });
  }

  stop(uai: string, baseId: string, contentKey: string): Promise<ResponseOf<typeof RuntimeStop>> {
    return this.order(RuntimeStop, uai, { uai, baseId, contentKey });
  }

  status(uai: string): Promise<RuntimeStatus> {
    return this.order(RuntimeStats, uai, { uai });
  }

  private async order<C extends CommandContract>(contract: C, uai: string, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const order = contract.subject.split('.').at(-2);
    try {
      return await sendCommand(this.bus, forSchool(contract, uai), request, { timeoutMs: this.timeoutMs });
    } catch (error) {
      if (!(error instanceof RemoteCommandError)) throw error;
      if (error.code === CommonErrorCode.UPSTREAM_TIMEOUT) {
        throw new DomainError(
          BaseErrorCode.RUNTIME_TIMEOUT,
          `the runtime of ${uai} did not confirm "${order}" within ${this.timeoutMs} ms; nothing was changed, try again`,
          { uai, order, timeoutMs: this.timeoutMs },
        );
      }
      if (error.code === CommonErrorCode.UPSTREAM_UNAVAILABLE) {
        throw new DomainError(BaseErrorCode.RUNTIME_UNAVAILABLE, `the runtime of ${uai} is not reachable; nothing was changed, try again`, {
          uai,
          order,
        });
      }
      throw error;
    }
  }
}
