import type { UploadView } from '@pronote/contracts';
import type { BaseFileHeader, BaseFileKind } from '../domain/base-files.js';

export interface UploadPart {
  partNumber: number;
  etag: string;
  size: number;
  sha256: string;
}

export interface Upload {
  id: string;
  uai: string;
  baseId: string;
  kind: BaseFileKind;
  fileName: string;
  objectKey: string;
  s3UploadId: string;
  size: number;
  partSize: number;
  expectedSha256: string | null;
  sha256: string | null;
  header: BaseFileHeader | null;
  status: 'open' | 'completed' | 'failed';
  actor: string;
  parts: UploadPart[];
}

export function partCount(upload: Pick<Upload, 'size' | 'partSize'>): number {
  return Math.max(1, Math.ceil(upload.size / upload.partSize));
}

/** Every part but the last is exactly `partSize` long; the last holds the rest. */
export function expectedPartSize(upload: Pick<Upload, 'size' | 'partSize'>, partNumber: number): number {
  return partNumber < partCount(upload) ? upload.partSize : upload.size - upload.partSize * (partCount(upload) - 1);
}

export function toUploadView(upload: Upload): UploadView {
  const recorded = new Set(upload.parts.map((part) => part.partNumber));
  let next = 1;
  while (recorded.has(next)) next++;
  return {
    id: upload.id,
    uai: upload.uai,
    baseId: upload.baseId,
    kind: upload.kind,
    fileName: upload.fileName,
    objectKey: upload.objectKey,
    size: upload.size,
    partSize: upload.partSize,
    status: upload.status,
    parts: upload.parts.map(({ partNumber, size, sha256 }) => ({ partNumber, size, sha256 })).sort((a, b) => a.partNumber - b.partNumber),
    nextPartNumber: next,
    sha256: upload.sha256,
  };
}
