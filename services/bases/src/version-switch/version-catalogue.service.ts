import { Injectable } from '@nestjs/common';
import type { RequestOf, PutVersionRelease, VersionReleaseView } from '@pronote/contracts';
import { calendarDateInParis } from '../domain/calendar-date.js';
import { assertPreVersionRequestAllowed, createVersionCatalogue, defaultRelease, findRelease, type VersionCatalogue } from '../domain/version-switch.js';
import { VersionSwitchRepository } from './version-switch.repository.js';

/** The catalogue of PRONOTE versions and the schools' early pre-version requests (Fiche 3). */
@Injectable()
export class VersionCatalogueService {
  constructor(private readonly repository: VersionSwitchRepository) {}

  async catalogue(): Promise<VersionCatalogue> {
    return createVersionCatalogue(await this.repository.catalogue());
  }

  async put(request: RequestOf<typeof PutVersionRelease>): Promise<VersionReleaseView> {
    const defaults = defaultRelease(request.version);
    const release = { ...defaults, ...(request.preVersionOpensOn ? { preVersionOpensOn: request.preVersionOpensOn } : {}), ...(request.switchOn ? { switchOn: request.switchOn } : {}) };
    const others = (await this.repository.catalogue()).filter((r) => r.version !== request.version);
    const checked = findRelease(createVersionCatalogue([...others, release]), request.version);
    await this.repository.putRelease(checked);
    return checked;
  }

  async requestPreVersion(uai: string, version: number, actor: string, today = calendarDateInParis(new Date())) {
    assertPreVersionRequestAllowed(findRelease(await this.catalogue(), version), today);
    const requestedAt = await this.repository.recordPreVersionRequest(uai, version, actor);
    return { uai, version, requestedAt: requestedAt.toISOString() };
  }
}
