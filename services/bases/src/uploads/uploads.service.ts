import { Inject, Injectable } from '@nestjs/common';
import { outboxRecord } from '@pronote/bus';
import {
  BaseCreated,
  DomainError,
  UploadErrorCode,
  baseContentKey,
  type BaseView,
  type BeginUpload,
  type RecordUploadPart,
  type RequestOf,
  type UploadView,
} from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import { OutboxPublisher } from '@pronote/service-kit';
import type { ObjectStore } from '@pronote/storage';
import { randomUUID } from 'node:crypto';
import {
  BASE_FILE_HEADER_LENGTH,
  BASE_FILE_KIND_DESCRIPTIONS,
  BaseFileErrorCode,
  assertBaseBelongsToSchool,
  checkUploadSize,
  classifyBaseFile,
  inspectBaseFileHeader,
} from '../domain/base-files.js';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';
import { baseRef, toBaseView } from '../lifecycle/base.js';
import { BasesRepository } from '../lifecycle/bases.repository.js';
import { newBase } from '../lifecycle/new-base.js';
import { BASE_STORE } from '../storage/base-store.module.js';
import { TenantNotFoundError } from '../tenants/tenants.errors.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';
import { type Upload, expectedPartSize, partCount, toUploadView } from './upload.js';
import { UploadsRepository } from './uploads.repository.js';

/**
 * Loading a base mid-year and completing it (Fiche 8), as resumable S3 multipart uploads: the
 * gateway streams the parts, this service decides what is accepted and records everything.
 */
@Injectable()
export class UploadsService {
  private readonly partSize: number;

  constructor(
    private readonly uploads: UploadsRepository,
    private readonly bases: BasesRepository,
    private readonly tenants: TenantsRepository,
    private readonly outbox: OutboxPublisher,
    @Inject(BASE_STORE) private readonly store: ObjectStore,
    @Inject(BASES_CONFIG) config: BasesConfig,
  ) {
    this.partSize = config.UPLOAD_PART_SIZE_BYTES;
  }

  async begin(request: RequestOf<typeof BeginUpload>): Promise<UploadView> {
    const kind = classifyBaseFile(request.fileName);
    checkUploadSize(kind, request.size);
    if (!(await this.tenants.findByUai(request.uai))) throw new TenantNotFoundError(request.uai);
    let baseId: string;
    let objectKey: string;
    if (kind === 'base') {
      baseId = randomUUID();
      objectKey = baseContentKey(request.uai, baseId);
    } else {
      if (!request.baseId) {
        throw new DomainError(UploadErrorCode.UPLOAD_BASE_REQUIRED, `baseId: a ${BASE_FILE_KIND_DESCRIPTIONS[kind].extension} file completes an existing base`, { field: 'baseId' });
      }
      baseId = (await this.bases.findById(request.uai, request.baseId)).id;
      objectKey = `bases/${request.uai}/${baseId}/files/${kind}${BASE_FILE_KIND_DESCRIPTIONS[kind].extension}`;
    }
    const s3UploadId = await this.store.startResumable(objectKey, 'application/octet-stream');
    const upload = await this.uploads.create({
      id: randomUUID(), uai: request.uai, baseId, kind, fileName: request.fileName, objectKey, s3UploadId,
      size: request.size, partSize: this.partSize, expectedSha256: request.sha256 ?? null, actor: request.actor,
    });
    return toUploadView(upload);
  }

  async get(uai: string, uploadId: string): Promise<UploadView> {
    return toUploadView(await this.uploads.find(uai, uploadId));
  }

  async target(uai: string, uploadId: string) {
    const upload = await this.uploads.find(uai, uploadId);
    return { objectKey: upload.objectKey, s3UploadId: upload.s3UploadId, partSize: upload.partSize, size: upload.size, status: upload.status };
  }

  /** Part 1 of a base carries its first bytes: a file that is not this school's base stops the upload here. */
  async recordPart(request: RequestOf<typeof RecordUploadPart>): Promise<UploadView> {
    const upload = await this.openUpload(request.uai, request.uploadId);
    if (request.partNumber > partCount(upload) || request.size !== expectedPartSize(upload, request.partNumber)) {
      throw new DomainError(
        UploadErrorCode.UPLOAD_PART_INVALID,
        `part ${request.partNumber}: expected ${request.partNumber > partCount(upload) ? 'at most ' + partCount(upload) + ' parts' : expectedPartSize(upload, request.partNumber) + ' bytes'}, got ${request.size} bytes`,
        { partNumber: request.partNumber, size: request.size },
      );
    }
    const header = upload.kind === 'base' && request.partNumber === 1 ? await this.checkHeader(upload, request.firstBytes) : undefined;
    await this.uploads.recordPart(upload.id, { partNumber: request.partNumber, etag: request.etag, size: request.size, sha256: request.sha256 }, header);
    return toUploadView(await this.uploads.find(request.uai, upload.id));
  }

  async complete(uai: string, uploadId: string, actor: string): Promise<{ upload: UploadView; base: BaseView }> {
    const upload = await this.openUpload(uai, uploadId);
    const missing = Array.from({ length: partCount(upload) }, (_, i) => i + 1).filter((n) => !upload.parts.some((p) => p.partNumber === n));
    if (missing.length > 0) {
      throw new DomainError(UploadErrorCode.UPLOAD_INCOMPLETE, `parts ${missing.join(', ')} are missing; send them, then complete`, { missing });
    }
    await this.store.completeResumable(upload.objectKey, upload.s3UploadId, upload.parts);
    // S3 multipart ETags are not whole-object checksums: the object is re-read for its SHA-256.
    const digest = await this.store.sha256Of(upload.objectKey);
    if (digest.size !== upload.size || (upload.expectedSha256 && digest.sha256 !== upload.expectedSha256)) {
      await this.uploads.markFailed(upload.id);
      await this.store.remove(upload.objectKey);
      throw new DomainError(UploadErrorCode.UPLOAD_CHECKSUM_MISMATCH, 'the uploaded file is not the one announced (size or SHA-256 differ); upload it again', {
        expectedSha256: upload.expectedSha256, sha256: digest.sha256, size: digest.size,
      });
    }
    const content = { key: upload.objectKey, ...digest };
    const history = { uai, baseId: upload.baseId, actor, action: upload.kind === 'base' ? 'base.created' : 'base.file_added', details: { origin: 'upload', kind: upload.kind, fileName: upload.fileName, size: digest.size, sha256: digest.sha256 } };
    if (upload.kind !== 'base') {
      const completed = await this.uploads.complete(upload, digest.sha256, { history, events: [] });
      return { upload: toUploadView(completed), base: toBaseView(await this.bases.findById(uai, upload.baseId), await this.bases.listBySchool(uai)) };
    }
    const header = upload.header!;
    const base = newBase({
      id: upload.baseId, uai, schoolYear: header.schoolYear, pronoteVersion: header.pronoteVersion, grid: null, origin: 'upload', content,
      createdAt: new Date(header.createdAt), lastEntryAt: header.lastEntryAt ? new Date(header.lastEntryAt) : null,
    });
    const event = outboxRecord(BaseCreated, { ...baseRef(base), pronoteVersion: base.pronoteVersion, origin: 'upload', createdAt: header.createdAt }, { correlationId: correlationId() });
    const completed = await this.uploads.complete(upload, digest.sha256, { base, history, events: [event] });
    this.outbox.notify();
    return { upload: toUploadView(completed), base: toBaseView(base, [...(await this.bases.listBySchool(uai))]) };
  }

  private async openUpload(uai: string, uploadId: string): Promise<Upload> {
    const upload = await this.uploads.find(uai, uploadId);
    if (upload.status !== 'open') {
      throw new DomainError(UploadErrorCode.UPLOAD_ALREADY_COMPLETED, `the upload ${uploadId} is ${upload.status}; start a new one`, { status: upload.status });
    }
    return upload;
  }

  private async checkHeader(upload: Upload, firstBytes: string | undefined) {
    try {
      const bytes = Buffer.from(firstBytes ?? '', 'base64').subarray(0, BASE_FILE_HEADER_LENGTH);
      const header = inspectBaseFileHeader(bytes);
      assertBaseBelongsToSchool(header, upload.uai);
      if (header.announcedSize !== upload.size) {
        throw new DomainError(BaseFileErrorCode.BASE_FILE_TRUNCATED, `the base announces ${header.announcedSize} bytes, the upload ${upload.size}`, {
          announcedSize: header.announcedSize, size: upload.size,
        });
      }
      return header;
    } catch (error) {
      // Nothing half-written: the multipart upload is aborted and the upload closed.
      await this.uploads.markFailed(upload.id);
      await this.store.abortResumable(upload.objectKey, upload.s3UploadId).catch(() => undefined);
      throw error;
    }
  }
}
