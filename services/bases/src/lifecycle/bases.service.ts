import { Inject, Injectable } from '@nestjs/common';
import { outboxRecord } from '@pronote/bus';
import { BaseCreated, BaseErrorCode, DomainError, baseContentKey, type BaseView, type RequestOf, type CreateEmptyBase } from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import { OutboxPublisher } from '@pronote/service-kit';
import type { ObjectStore } from '@pronote/storage';
import { randomUUID } from 'node:crypto';
import { encodeEmptyBase } from '../domain/base-file-writer.js';
import { isConsultablePreviousYear, parseSchoolYear } from '../domain/school-year.js';
import { type TimetableGrid, validateGrid } from '../domain/timetable-grid.js';
import { BASE_STORE } from '../storage/base-store.module.js';
import { TenantNotFoundError } from '../tenants/tenants.errors.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';
import { type Base, baseRef, toBaseView } from './base.js';
import { BaseAlreadyExistsError } from './bases.errors.js';
import { BasesRepository } from './bases.repository.js';
import { newBase } from './new-base.js';

/** Creating, listing and reading the bases of a school. */
@Injectable()
export class BasesService {
  constructor(
    private readonly bases: BasesRepository,
    private readonly tenants: TenantsRepository,
    private readonly outbox: OutboxPublisher,
    @Inject(BASE_STORE) private readonly store: ObjectStore,
  ) {}

  /** Fiche 4: a new empty base with its grid, stopped; its content is an empty .HNOT written to S3 first. */
  async createEmpty(request: RequestOf<typeof CreateEmptyBase>): Promise<BaseView> {
    const year = parseSchoolYear(request.schoolYear);
    const grid = validateGrid(request.grid ?? {});
    await this.assertSchoolKnown(request.uai);
    const existing = await this.bases.listBySchool(request.uai);
    if (existing.some((base) => base.schoolYear === year.label)) throw new BaseAlreadyExistsError(request.uai, year.label);
    const base = await this.createEmptyBase({
      uai: request.uai,
      schoolYear: year.label,
      pronoteVersion: request.pronoteVersion ?? year.startYear,
      grid,
      origin: 'empty',
      actor: request.actor,
    });
    return toBaseView(base, [...existing, base]);
  }

  /** Shared with the version switch, which creates the new year's base the same way. */
  async createEmptyBase(input: { uai: string; schoolYear: string; pronoteVersion: number; grid: TimetableGrid; origin: 'empty' | 'version_switch'; actor: string }): Promise<Base> {
    const id = randomUUID();
    const createdAt = new Date();
    const year = parseSchoolYear(input.schoolYear);
    const content = await this.store.putBuffer(baseContentKey(input.uai, id), encodeEmptyBase(input.uai, year.startYear, input.pronoteVersion, createdAt), 'application/octet-stream');
    const base = newBase({ id, uai: input.uai, schoolYear: year.label, pronoteVersion: input.pronoteVersion, grid: input.grid, origin: input.origin, content, createdAt });
    const created = await this.bases.create(
      base,
      { uai: base.uai, baseId: base.id, actor: input.actor, action: 'base.created', details: { origin: base.origin, schoolYear: base.schoolYear, pronoteVersion: base.pronoteVersion } },
      [outboxRecord(BaseCreated, { ...baseRef(base), pronoteVersion: base.pronoteVersion, origin: base.origin, createdAt: createdAt.toISOString() }, { correlationId: correlationId() })],
    );
    this.outbox.notify();
    return created;
  }

  async list(uai: string): Promise<BaseView[]> {
    const bases = await this.bases.listBySchool(uai);
    return bases.map((base) => toBaseView(base, bases));
  }

  async get(uai: string, baseId: string): Promise<BaseView> {
    const base = await this.bases.findById(uai, baseId);
    return toBaseView(base, await this.bases.listBySchool(uai));
  }

  /** "Gérer les années précédentes": only the 5 years before the school's latest one can be loaded. */
  async setConsultation(uai: string, baseId: string, consultation: boolean, actor: string): Promise<BaseView> {
    const base = await this.bases.findById(uai, baseId);
    const all = await this.bases.listBySchool(uai);
    const latest = all.map((other) => other.schoolYear).sort().at(-1)!;
    if (consultation && !isConsultablePreviousYear(parseSchoolYear(latest), parseSchoolYear(base.schoolYear))) {
      throw new DomainError(
        BaseErrorCode.PREVIOUS_YEAR_NOT_CONSULTABLE,
        `only the bases of the 5 years before ${latest} can be loaded for consultation, not ${base.schoolYear}`,
        { baseId, schoolYear: base.schoolYear, latest },
      );
    }
    const changed = await this.bases.setConsultation(base, consultation, {
      uai, baseId, actor, action: consultation ? 'base.consultation_loaded' : 'base.consultation_unloaded', details: {},
    });
    return toBaseView(changed, all);
  }

  private async assertSchoolKnown(uai: string): Promise<void> {
    if (!(await this.tenants.findByUai(uai))) throw new TenantNotFoundError(uai);
  }
}
