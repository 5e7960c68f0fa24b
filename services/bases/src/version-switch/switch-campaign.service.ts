import { Inject, Injectable } from '@nestjs/common';
import { DomainError, VersionCampaignErrorCode, type SwitchCampaignView } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import { calendarDateInParis, type CalendarDate } from '../domain/calendar-date.js';
import { parseSchoolYear } from '../domain/school-year.js';
import { DEFAULT_GRID } from '../domain/timetable-grid.js';
import { type SwitchDecision, type VersionRelease, decideVersionSwitch, findRelease, isSwitchDue } from '../domain/version-switch.js';
import { BasesRepository } from '../lifecycle/bases.repository.js';
import { BasesService } from '../lifecycle/bases.service.js';
import { ServiceStateService } from '../lifecycle/service-state.service.js';
import { VersionCatalogueService } from './version-catalogue.service.js';
import { VersionSwitchRepository } from './version-switch.repository.js';

/**
 * The yearly switch (Fiche 3) over every school. Resumable: a school with a "done" result is not
 * redone, and redoing an interrupted school is safe because the rule sees what was already made
 * (a new-year base created before a crash turns "create" into "start the existing one").
 */
@Injectable()
export class SwitchCampaignService {
  private readonly running = new Map<number, Promise<void>>();

  constructor(
    private readonly repository: VersionSwitchRepository,
    private readonly catalogue: VersionCatalogueService,
    private readonly bases: BasesRepository,
    private readonly creation: BasesService,
    private readonly serviceState: ServiceStateService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Starts (or resumes) the campaign and answers at once with its progress. */
  async run(version: number, actor: string, today: CalendarDate = calendarDateInParis(new Date())): Promise<SwitchCampaignView> {
    const release = findRelease(await this.catalogue.catalogue(), version);
    if (!isSwitchDue(release, today)) {
      throw new DomainError(VersionCampaignErrorCode.SWITCH_NOT_DUE, `the switch to PRONOTE ${version} is due on ${release.switchOn}`, { version, today });
    }
    const existing = await this.repository.findCampaign(version);
    if (existing?.finishedAt) {
      throw new DomainError(VersionCampaignErrorCode.SWITCH_ALREADY_COMPLETED, `the switch to PRONOTE ${version} already ran for every school`, {
        version,
        finishedAt: existing.finishedAt.toISOString(),
      });
    }
    if (!this.running.has(version)) {
      const schools = await this.repository.schools();
      await this.repository.openCampaign(version, schools.length);
      const work = this.switchAll(release, schools, actor)
        .catch((error: unknown) => this.logger.error({ err: error, version }, 'switch campaign interrupted'))
        .finally(() => this.running.delete(version));
      this.running.set(version, work);
    }
    return this.view(version);
  }

  /** Resolves once the campaign of this process is over (for the scheduler and tests). */
  async settled(version: number): Promise<void> {
    await this.running.get(version);
  }

  async view(version: number): Promise<SwitchCampaignView> {
    const campaign = await this.repository.findCampaign(version);
    if (!campaign) throw new DomainError(VersionCampaignErrorCode.SWITCH_CAMPAIGN_NOT_FOUND, `no switch to PRONOTE ${version} has run`, { version });
    const results = await this.repository.results(version);
    return {
      version,
      status: campaign.finishedAt ? 'completed' : 'running',
      startedAt: campaign.startedAt.toISOString(),
      finishedAt: campaign.finishedAt?.toISOString() ?? null,
      schools: campaign.schools,
      processed: results.filter((r) => r.status === 'done').length,
      failed: results.filter((r) => r.status === 'failed').length,
      results: results.map((r) => ({ ...r, decision: r.decision as SwitchCampaignView['results'][number]['decision'], at: r.at.toISOString() })),
    };
  }

  private async switchAll(release: VersionRelease, schools: string[], actor: string): Promise<void> {
    const done = new Set((await this.repository.results(release.version)).filter((r) => r.status === 'done').map((r) => r.uai));
    let failures = 0;
    for (const uai of schools.filter((school) => !done.has(school))) {
      try {
        const { decision, baseId } = await this.switchSchool(release, uai, actor);
        await this.repository.recordResult(release.version, { uai, status: 'done', decision: decision.kind, baseId, error: null });
      } catch (error) {
        failures++;
        const code = error instanceof DomainError ? `${error.code}: ${error.message}` : String(error);
        await this.repository.recordResult(release.version, { uai, status: 'failed', decision: null, baseId: null, error: code });
      }
    }
    if (failures === 0) await this.repository.finishCampaign(release.version);
  }

  private async switchSchool(release: VersionRelease, uai: string, actor: string): Promise<{ decision: SwitchDecision; baseId: string | null }> {
    const schoolBases = await this.bases.listBySchool(uai);
    const inService = schoolBases.find((base) => base.state === 'in_service') ?? null;
    const newYearBase = schoolBases.find((base) => base.schoolYear === release.schoolYear) ?? null;
    const decision = decideVersionSwitch(release, {
      baseInService: inService ? parseSchoolYear(inService.schoolYear) : null,
      newYearBaseExists: newYearBase !== null,
    });
    const create = () =>
      this.creation.createEmptyBase({ uai, schoolYear: release.schoolYear, pronoteVersion: release.version, grid: inService?.grid ?? DEFAULT_GRID, origin: 'version_switch', actor });
    switch (decision.kind) {
      case 'keep':
        return { decision, baseId: inService!.id };
      case 'start-existing-new':
        await this.serviceState.start(uai, newYearBase!.id, actor);
        return { decision, baseId: newYearBase!.id };
      case 'create-and-start-new': {
        const base = await create();
        await this.serviceState.start(uai, base.id, actor);
        return { decision, baseId: base.id };
      }
      case 'nothing-in-service':
        return { decision, baseId: decision.createEmptyBase ? (await create()).id : newYearBase?.id ?? null };
    }
  }
}
