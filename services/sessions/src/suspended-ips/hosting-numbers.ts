import { Inject, Injectable } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import { GetAccountByUai } from '@pronote/contracts';
import { BUS } from '@pronote/service-kit';
import { SESSIONS_CONFIG } from '../config/sessions-config.module.js';
import type { SessionsConfig } from '../config/sessions.config.js';
import { SchoolNotFoundError } from '../schools/schools.errors.js';
import { SchoolsRepository } from '../schools/schools.repository.js';

/** Failed logins name a hosting number: read a school's once from accounts, then keep it. */
@Injectable()
export class HostingNumbers {
  constructor(
    private readonly schools: SchoolsRepository,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(SESSIONS_CONFIG) private readonly config: SessionsConfig,
  ) {}

  async of(uai: string): Promise<string> {
    const school = await this.schools.findByUai(uai);
    if (!school) throw new SchoolNotFoundError(uai);
    if (school.hostingNumber) return school.hostingNumber;
    const account = await sendCommand(this.bus, GetAccountByUai, { uai }, { timeoutMs: this.config.ACCOUNTS_TIMEOUT_MS });
    await this.schools.setHostingNumber(uai, account.hostingNumber);
    return account.hostingNumber;
  }
}
