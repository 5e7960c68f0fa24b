import { Injectable } from '@nestjs/common';
import { DomainError, RecoveryJobErrorCode, type RecoveryView, type RequestOf, type StartRecovery } from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import { randomUUID } from 'node:crypto';
import { validateRecoverySelection } from '../domain/recovery-categories.js';
import { parseSchoolYear, previousSchoolYear } from '../domain/school-year.js';
import { type Base, isReadOnly } from '../lifecycle/base.js';
import { BaseReadOnlyError } from '../lifecycle/bases.errors.js';
import { BasesRepository } from '../lifecycle/bases.repository.js';
import { RecoveryQueue } from './recovery-jobs.js';
import { type NewRecovery, RecoveryRepository, toRecoveryView } from './recovery.repository.js';

type Source = Pick<NewRecovery, 'source' | 'sourceKey' | 'sourceBaseId' | 'preparationId'>;

/**
 * "Récupérer les données d'une base PRONOTE" (Fiche 7): checks the request, records it and queues
 * its job. Source "previous-year" is the school's base of the year before, read from its recorded
 * content object (baseContentKey); backups' archives are not read (see docs/bases.md).
 */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly bases: BasesRepository,
    private readonly repository: RecoveryRepository,
    private readonly queue: RecoveryQueue,
  ) {}

  async start(request: RequestOf<typeof StartRecovery>): Promise<RecoveryView> {
    const categories = validateRecoverySelection(request.categories);
    const target = await this.bases.findById(request.uai, request.baseId);
    const schoolBases = await this.bases.listBySchool(request.uai);
    if (isReadOnly(target, schoolBases)) throw new BaseReadOnlyError(target.id, target.schoolYear);
    const source = await this.resolveSource(request, target, schoolBases);
    const recovery = await this.repository.createOrFind({
      id: randomUUID(),
      uai: request.uai,
      baseId: target.id,
      idempotencyKey: request.idempotencyKey,
      categories,
      actor: request.actor,
      ...source,
    });
    // Also for a recovery found by its key: if the first request died before queuing, this queues it.
    if (recovery.status === 'queued' || recovery.status === 'running') await this.queue.enqueue(recovery, correlationId());
    return toRecoveryView(recovery);
  }

  async get(uai: string, recoveryId: string): Promise<RecoveryView> {
    return toRecoveryView(await this.repository.find(uai, recoveryId));
  }

  private async resolveSource(request: RequestOf<typeof StartRecovery>, target: Base, schoolBases: readonly Base[]): Promise<Source> {
    const previousYear = previousSchoolYear(parseSchoolYear(target.schoolYear)).label;
    if (request.source.kind === 'previous-year') {
      const previous = schoolBases.find((base) => base.schoolYear === previousYear);
      if (!previous) {
        throw new DomainError(RecoveryJobErrorCode.RECOVERY_SOURCE_NOT_FOUND, `the school ${request.uai} has no base of ${previousYear} to recover from`, {
          schoolYear: previousYear,
        });
      }
      return { source: 'previous-year', sourceKey: previous.content.key, sourceBaseId: previous.id, preparationId: null };
    }
    const preparation = await this.repository.findPreparation(request.uai, request.source.preparationId);
    if (preparation.schoolYear !== previousYear) {
      throw new DomainError(
        RecoveryJobErrorCode.RECOVERY_SOURCE_WRONG_YEAR,
        `this preparation file is of ${preparation.schoolYear}; the base of ${target.schoolYear} recovers from ${previousYear}`,
        { preparationYear: preparation.schoolYear, expected: previousYear },
      );
    }
    return { source: 'preparation', sourceKey: preparation.objectKey, sourceBaseId: null, preparationId: preparation.id };
  }
}
