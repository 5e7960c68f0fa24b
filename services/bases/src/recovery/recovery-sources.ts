import { Inject, Injectable } from '@nestjs/common';
import { DomainError, RecoveryJobErrorCode, preparationFileSchema, type PreparationFile, type RecoveryReport } from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import { BASE_FILE_HEADER_LENGTH, inspectBaseFileHeader } from '../domain/base-files.js';
import { preparationData, readBaseStatistics } from '../domain/recovery-data.js';
import { BASE_STORE } from '../storage/base-store.module.js';
import { readObject } from '../storage/read-object.js';

/** Preparation files are small JSON documents; anything larger is not one. */
export const MAX_PREPARATION_FILE_BYTES = 256 * 1024;

export interface SourceData {
  from: Omit<RecoveryReport['from'], 'source'>;
  data: PreparationFile['data'];
}

/** Reads what a recovery takes from: a base's recorded content (its header counters) or a preparation file. */
@Injectable()
export class RecoverySources {
  constructor(@Inject(BASE_STORE) private readonly store: ObjectStore) {}

  async fromBaseContent(key: string): Promise<SourceData> {
    const headerBytes = await readObject(this.store, key, { start: 0, end: BASE_FILE_HEADER_LENGTH - 1 });
    const header = inspectBaseFileHeader(headerBytes);
    const { sha256 } = await this.store.sha256Of(key);
    return { from: { schoolYear: header.schoolYear, pronoteVersion: header.pronoteVersion, sha256 }, data: preparationData(readBaseStatistics(headerBytes)) };
  }

  async fromPreparation(key: string): Promise<SourceData> {
    const file = parsePreparationFile(await readObject(this.store, key));
    return { from: { schoolYear: file.schoolYear, pronoteVersion: file.pronoteVersion, sha256: file.sourceSha256 }, data: file.data };
  }
}

export function parsePreparationFile(input: unknown): PreparationFile {
  let value = input;
  if (Buffer.isBuffer(input)) {
    try {
      value = JSON.parse(input.toString('utf8'));
    } catch {
      throw invalid('not JSON');
    }
  }
  const parsed = preparationFileSchema.safeParse(value);
  if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; '));
  return parsed.data;
}

function invalid(reason: string): DomainError {
  return new DomainError(RecoveryJobErrorCode.PREPARATION_FILE_INVALID, `this is not a PRONOTE preparation file (${reason})`, { reason });
}
