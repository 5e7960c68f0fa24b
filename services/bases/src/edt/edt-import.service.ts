import { Inject, Injectable } from '@nestjs/common';
import { outboxRecord } from '@pronote/bus';
import { BaseEdtImported, DomainError, EdtErrorCode, type EdtTransfer, type ResponseOf, type ImportEdtTransfer } from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import { OutboxPublisher } from '@pronote/service-kit';
import type { ObjectStore } from '@pronote/storage';
import { encodeBaseFile } from '../domain/base-file-writer.js';
import { checkEdtTransfer, countEdtResources, edtBaseContent } from '../domain/edt-content.js';
import { parseSchoolYear } from '../domain/school-year.js';
import { validateGrid } from '../domain/timetable-grid.js';
import { type Base, baseRef, toBaseView } from '../lifecycle/base.js';
import { BasesRepository } from '../lifecycle/bases.repository.js';
import { SchoolLocks } from '../school-locks/school-locks.js';
import { BASE_STORE } from '../storage/base-store.module.js';
import { readObject } from '../storage/read-object.js';
import { EdtRepository } from './edt.repository.js';

/**
 * "Initialiser la base avec les données EDT" (Fiche 6): the base writes its new content itself, as it
 * does for an empty base, then records it. Only an empty, stopped base: a served base's content is
 * the runtime's (it would overwrite the import when it persists on stop).
 */
@Injectable()
export class EdtImportService {
  constructor(
    private readonly bases: BasesRepository,
    private readonly repository: EdtRepository,
    private readonly locks: SchoolLocks,
    private readonly outbox: OutboxPublisher,
    @Inject(BASE_STORE) private readonly store: ObjectStore,
  ) {}

  import(uai: string, baseId: string, transfer: EdtTransfer, actor: string): Promise<ResponseOf<typeof ImportEdtTransfer>> {
    return this.locks.withSchool(uai, 'import-edt', () => this.importLocked(uai, baseId, transfer, actor));
  }

  private async importLocked(uai: string, baseId: string, transfer: EdtTransfer, actor: string): Promise<ResponseOf<typeof ImportEdtTransfer>> {
    const base = await this.bases.findById(uai, baseId);
    assertImportable(base);
    checkEdtTransfer(transfer, base);
    const grid = validateGrid(transfer.grid);
    const imported = countEdtResources(transfer);
    const importedAt = new Date();
    const bytes = encodeBaseFile(
      edtBaseContent(transfer, { uai, schoolYearStart: parseSchoolYear(base.schoolYear).startYear, pronoteVersion: base.pronoteVersion, createdAt: base.createdAt }, importedAt),
    );
    const previous = await readObject(this.store, base.content.key);
    const content = await this.store.putBuffer(base.content.key, bytes, 'application/octet-stream');
    let recorded: Base | null;
    try {
      recorded = await this.repository.recordImport(base, {
        content,
        grid,
        lastEntryAt: importedAt,
        history: { uai, baseId, actor, action: 'base.edt_imported', details: { imported, espaces: transfer.espaces, sha256: content.sha256 } },
        events: [outboxRecord(BaseEdtImported, { ...baseRef(base), espaces: transfer.espaces, imported, importedAt: importedAt.toISOString() }, { correlationId: correlationId() })],
      });
    } catch (error) {
      recorded = null;
      await this.store.putBuffer(base.content.key, previous, 'application/octet-stream');
      throw error;
    }
    if (!recorded) {
      await this.store.putBuffer(base.content.key, previous, 'application/octet-stream');
      throw notEmpty(base);
    }
    this.outbox.notify();
    return { base: toBaseView(recorded, await this.bases.listBySchool(uai)), imported, espaces: transfer.espaces };
  }
}

function assertImportable(base: Base): void {
  if (base.state === 'in_service') {
    throw new DomainError(EdtErrorCode.EDT_BASE_IN_SERVICE, `the base of ${base.schoolYear} is in service: stop it before initialising it from EDT`, {
      baseId: base.id,
    });
  }
  if (base.lastEntryAt !== null || (base.origin !== 'empty' && base.origin !== 'version_switch')) throw notEmpty(base);
}

function notEmpty(base: Base): DomainError {
  return new DomainError(EdtErrorCode.EDT_BASE_NOT_EMPTY, `the base of ${base.schoolYear} is not empty: EDT can only initialise a new empty base`, {
    baseId: base.id,
    origin: base.origin,
    lastEntryAt: base.lastEntryAt?.toISOString() ?? null,
  });
}
