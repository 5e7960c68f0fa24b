import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import { DomainError, UploadErrorCode } from '@pronote/contracts';
import { PRISMA } from '@pronote/service-kit';
import type { BaseFileHeader, BaseFileKind } from '../domain/base-files.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Base, HistoryRecord } from '../lifecycle/base.js';
import { BasesRepository, toRow } from '../lifecycle/bases.repository.js';
import type { Upload, UploadPart } from './upload.js';

const withParts = { parts: { orderBy: { partNumber: 'asc' as const } } };

/** Uploads and their parts; the completion writes the upload, the base (or history) and events together. */
@Injectable()
export class UploadsRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly bases: BasesRepository,
  ) {}

  async create(upload: Omit<Upload, 'parts' | 'sha256' | 'header' | 'status'>): Promise<Upload> {
    const row = await this.prisma.upload.create({ data: { ...upload, size: BigInt(upload.size) }, include: withParts });
    return toUpload(row);
  }

  async find(uai: string, uploadId: string): Promise<Upload> {
    const row = await this.prisma.upload.findFirst({ where: { id: uploadId, uai }, include: withParts });
    if (!row) throw new DomainError(UploadErrorCode.UPLOAD_NOT_FOUND, `no upload ${uploadId} for the school ${uai}`, { uploadId });
    return toUpload(row);
  }

  /** A resent part (resume after an interruption) replaces the one recorded under its number. */
  async recordPart(uploadId: string, part: UploadPart, header?: BaseFileHeader): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (header) await tx.upload.update({ where: { id: uploadId }, data: { header: header as unknown as Prisma.InputJsonValue } });
      await tx.uploadPart.upsert({
        where: { uploadId_partNumber: { uploadId, partNumber: part.partNumber } },
        create: { uploadId, ...part },
        update: { ...part, recordedAt: new Date() },
      });
    });
  }

  async markFailed(uploadId: string): Promise<void> {
    await this.prisma.upload.update({ where: { id: uploadId }, data: { status: 'failed' } });
  }

  async complete(upload: Upload, sha256: string, effect: { base?: Base; history: HistoryRecord; events: OutboxRecord[] }): Promise<Upload> {
    const row = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.upload.update({ where: { id: upload.id }, data: { status: 'completed', sha256, completedAt: new Date() }, include: withParts });
      if (effect.base) await tx.base.create({ data: toRow(effect.base) });
      await this.bases.record(tx, effect.history, effect.events);
      return updated;
    });
    return toUpload(row);
  }
}

type UploadRow = Prisma.UploadGetPayload<{ include: typeof withParts }>;

function toUpload(row: UploadRow): Upload {
  return {
    id: row.id,
    uai: row.uai,
    baseId: row.baseId,
    kind: row.kind as BaseFileKind,
    fileName: row.fileName,
    objectKey: row.objectKey,
    s3UploadId: row.s3UploadId,
    size: Number(row.size),
    partSize: row.partSize,
    expectedSha256: row.expectedSha256,
    sha256: row.sha256,
    header: (row.header as unknown as BaseFileHeader | null) ?? null,
    status: row.status,
    actor: row.actor,
    parts: row.parts.map(({ partNumber, etag, size, sha256 }) => ({ partNumber, etag, size, sha256 })),
  };
}
