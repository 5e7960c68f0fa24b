import { Inject, Injectable } from '@nestjs/common';
import { DomainError, RecoveryJobErrorCode, type PreparationFile, type PrepareNextYear, type PreparationView, type ResponseOf } from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import { randomUUID } from 'node:crypto';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';
import { RECOVERY_LEAF_IDS } from '../domain/recovery-categories.js';
import { BasesRepository } from '../lifecycle/bases.repository.js';
import { BASE_STORE } from '../storage/base-store.module.js';
import { MAX_PREPARATION_FILE_BYTES, RecoverySources, parsePreparationFile } from './recovery-sources.js';
import { RecoveryRepository, toPreparationView } from './recovery.repository.js';

const preparationKey = (uai: string, id: string) => `preparations/${uai}/${id}.json`;

/** "Fichier > Préparer l'année suivante" (Fiche 7), and preparation files made elsewhere and uploaded. */
@Injectable()
export class PreparationService {
  constructor(
    private readonly bases: BasesRepository,
    private readonly repository: RecoveryRepository,
    private readonly sources: RecoverySources,
    @Inject(BASE_STORE) private readonly store: ObjectStore,
    @Inject(BASES_CONFIG) private readonly config: BasesConfig,
  ) {}

  /** From the base's recorded content (a served base: as last persisted by the runtime). */
  async prepare(uai: string, baseId: string, actor: string): Promise<ResponseOf<typeof PrepareNextYear>> {
    const base = await this.bases.findById(uai, baseId);
    const source = await this.sources.fromBaseContent(base.content.key);
    const file: PreparationFile = {
      format: 'pronote-preparation',
      version: 1,
      uai,
      schoolYear: source.from.schoolYear,
      pronoteVersion: source.from.pronoteVersion,
      preparedAt: new Date().toISOString(),
      sourceSha256: source.from.sha256,
      data: source.data,
    };
    const preparation = await this.keep(uai, file, { origin: 'prepared', fromBaseId: base.id }, actor);
    const expiresAt = new Date(Date.now() + this.config.DOWNLOAD_LINK_EXPIRY_SECONDS * 1000);
    const downloadUrl = await this.store.presignedGetUrl(preparationKey(uai, preparation.id), this.config.DOWNLOAD_LINK_EXPIRY_SECONDS);
    return { preparation, downloadUrl, expiresAt: expiresAt.toISOString() };
  }

  async upload(uai: string, input: unknown, actor: string): Promise<PreparationView> {
    if (JSON.stringify(input ?? null).length > MAX_PREPARATION_FILE_BYTES) {
      throw new DomainError(RecoveryJobErrorCode.PREPARATION_FILE_INVALID, `a preparation file is at most ${MAX_PREPARATION_FILE_BYTES} bytes`, { reason: 'size' });
    }
    const file = parsePreparationFile(input);
    if (file.uai !== uai) {
      throw new DomainError(RecoveryJobErrorCode.PREPARATION_WRONG_SCHOOL, `this preparation file belongs to the school ${file.uai}, not to ${uai}`, {
        fileUai: file.uai,
        uai,
      });
    }
    const unknown = Object.keys(file.data).filter((id) => !RECOVERY_LEAF_IDS.includes(id));
    if (unknown.length > 0) {
      throw new DomainError(RecoveryJobErrorCode.PREPARATION_FILE_INVALID, `this preparation file names unknown categories: ${unknown.join(', ')}`, { reason: 'categories', unknown });
    }
    return this.keep(uai, file, { origin: 'uploaded', fromBaseId: null }, actor);
  }

  private async keep(uai: string, file: PreparationFile, origin: { origin: 'prepared' | 'uploaded'; fromBaseId: string | null }, actor: string): Promise<PreparationView> {
    const id = randomUUID();
    const stored = await this.store.putBuffer(preparationKey(uai, id), Buffer.from(JSON.stringify(file)), 'application/json');
    const preparation = await this.repository.createPreparation(
      { id, uai, ...origin, schoolYear: file.schoolYear, objectKey: stored.key, size: stored.size, sha256: stored.sha256, createdAt: new Date().toISOString() },
      actor,
      { uai, baseId: origin.fromBaseId, actor, action: origin.origin === 'prepared' ? 'preparation.created' : 'preparation.uploaded', details: { preparationId: id, schoolYear: file.schoolYear } },
    );
    return toPreparationView(preparation);
  }
}
