import { Inject, Injectable, Module } from '@nestjs/common';
import { BaseErrorCode, DomainError } from '@pronote/contracts';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';
import { SchoolLocksRepository } from './school-locks.repository.js';

const POLL_MS = 50;

/**
 * Two orders for one school (start, stop, stop for restore, EDT import, recovery) never run at once.
 * A lease row in Postgres rather than an advisory lock: the orders wait for the runtime for seconds,
 * and a session lock would pin a pooled connection (or an open transaction) for that long. A holder
 * that crashed blocks its school only until its lease expires. The second order waits for the first
 * and then sees its effect (a second "start" finds the base in service and answers as is).
 */
@Injectable()
export class SchoolLocks {
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly repository: SchoolLocksRepository,
    @Inject(BASES_CONFIG) config: BasesConfig,
  ) {
    // An order is at most a stop then a start on the runtime, each possibly followed by a status read, plus the database writes.
    this.leaseMs = 4 * config.RUNTIME_TIMEOUT_MS + config.SCHOOL_LOCK_MARGIN_MS;
    this.waitMs = this.leaseMs + POLL_MS * 4;
  }

  async withSchool<T>(uai: string, order: string, work: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    const deadline = Date.now() + this.waitMs;
    while (!(await this.repository.tryAcquire(uai, token, order, this.leaseMs))) {
      if (Date.now() > deadline) {
        throw new DomainError(BaseErrorCode.SCHOOL_ORDER_CONFLICT, `another order for ${uai} is still running; try again`, { uai, order });
      }
      await sleep(POLL_MS);
    }
    try {
      return await work();
    } finally {
      await this.repository.release(uai, token);
    }
  }
}

@Module({ providers: [SchoolLocksRepository, SchoolLocks], exports: [SchoolLocks] })
export class SchoolLocksModule {}
