import { createHash } from 'node:crypto';
import { DomainError, isValidUai } from '@pronote/contracts';

/**
 * Files a school uploads when it loads an existing base (seed, Fiche 8): the base itself (.HNOT),
 * its annex files, and the users' file (.profils). Kinds are recognised by extension, any case.
 *
 * A base is also recognised by its header. The layout is the simulator's .HNOT format, version 1
 * (services/runtime-sim/src/base-format/FORMAT.md); services share no code, so the few header
 * offsets needed here are restated, and both specs check the same reference bytes.
 */

export const BaseFileErrorCode = {
  UPLOAD_FILE_KIND_UNKNOWN: 'UPLOAD_FILE_KIND_UNKNOWN',
  UPLOAD_FILE_EMPTY: 'UPLOAD_FILE_EMPTY',
  UPLOAD_FILE_TOO_LARGE: 'UPLOAD_FILE_TOO_LARGE',
  BASE_FILE_INVALID: 'BASE_FILE_INVALID',
  BASE_FILE_TRUNCATED: 'BASE_FILE_TRUNCATED',
  BASE_FORMAT_UNSUPPORTED: 'BASE_FORMAT_UNSUPPORTED',
  BASE_FILE_WRONG_SCHOOL: 'BASE_FILE_WRONG_SCHOOL',
} as const;

export const BASE_FILE_KINDS = ['base', 'courriers', 'documents-joints-eleve', 'documents-joints', 'photos', 'profils'] as const;
export type BaseFileKind = (typeof BASE_FILE_KINDS)[number];

export interface BaseFileKindDescription {
  readonly kind: BaseFileKind;
  /** As PRONOTE spells it; matched without regard to case. */
  readonly extension: string;
  readonly label: string;
  /** Annex files complete a loaded base ("Compléter la base hébergée"); they are not the base. */
  readonly annex: boolean;
}

export const BASE_FILE_KIND_DESCRIPTIONS: Readonly<Record<BaseFileKind, BaseFileKindDescription>> = {
  base: { kind: 'base', extension: '.HNOT', label: 'Base PRONOTE', annex: false },
  courriers: { kind: 'courriers', extension: '.HCourriers', label: 'Courriers', annex: true },
  'documents-joints-eleve': {
    kind: 'documents-joints-eleve',
    extension: '.HDocJointEleve',
    label: 'Documents joints élève',
    annex: true,
  },
  'documents-joints': { kind: 'documents-joints', extension: '.HDocJoints', label: 'Documents joints', annex: true },
  photos: { kind: 'photos', extension: '.HPhotos', label: 'Photos', annex: true },
  profils: { kind: 'profils', extension: '.profils', label: 'Fichier des utilisateurs', annex: false },
};

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Defaults far above the seed's files (8 MB base, 1 MB photos) yet bounded, so one upload cannot fill a volume. */
export const DEFAULT_UPLOAD_SIZE_LIMITS: Readonly<Record<BaseFileKind, number>> = {
  base: 2 * GiB,
  courriers: 256 * MiB,
  'documents-joints-eleve': 1 * GiB,
  'documents-joints': 1 * GiB,
  photos: 1 * GiB,
  profils: 16 * MiB,
};

export type UploadSizeLimits = Readonly<Record<BaseFileKind, number>>;

export function uploadSizeLimits(overrides: Partial<UploadSizeLimits> = {}): UploadSizeLimits {
  return { ...DEFAULT_UPLOAD_SIZE_LIMITS, ...overrides };
}

const kindsByExtension = new Map(
  Object.values(BASE_FILE_KIND_DESCRIPTIONS).map((description) => [description.extension.toLowerCase(), description.kind]),
);

/** The kind of an uploaded file from its name ("Base_2022-2023_Photos.HPhotos" → photos); folders are ignored. */
export function classifyBaseFile(fileName: string): BaseFileKind {
  const baseName = fileName.split(/[\\/]/).at(-1) ?? '';
  const dot = baseName.lastIndexOf('.');
  const kind = dot > 0 ? kindsByExtension.get(baseName.slice(dot).toLowerCase()) : undefined;
  if (!kind) {
    const accepted = Object.values(BASE_FILE_KIND_DESCRIPTIONS).map((description) => description.extension);
    throw new DomainError(
      BaseFileErrorCode.UPLOAD_FILE_KIND_UNKNOWN,
      `fileName: "${baseName}" is not a file PRONOTE generates for hosting (accepted: ${accepted.join(', ')})`,
      { field: 'fileName', fileName: baseName, accepted },
    );
  }
  return kind;
}

export function checkUploadSize(kind: BaseFileKind, sizeBytes: number, limits: UploadSizeLimits = DEFAULT_UPLOAD_SIZE_LIMITS): void {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) {
    throw new DomainError(BaseFileErrorCode.UPLOAD_FILE_EMPTY, `size: a ${BASE_FILE_KIND_DESCRIPTIONS[kind].extension} file cannot be empty`, {
      field: 'size',
      kind,
      sizeBytes,
    });
  }
  if (sizeBytes > limits[kind]) {
    throw new DomainError(
      BaseFileErrorCode.UPLOAD_FILE_TOO_LARGE,
      `size: ${sizeBytes} bytes exceeds the ${limits[kind]}-byte limit for ${BASE_FILE_KIND_DESCRIPTIONS[kind].extension} files`,
      { field: 'size', kind, sizeBytes, limitBytes: limits[kind] },
    );
  }
}

/** What the first bytes of a .HNOT say; the rest (payload, SHA-256 trailer) is for the runtime to check. */
export interface BaseFileHeader {
  readonly formatVersion: number;
  readonly uai: string;
  readonly schoolYear: string;
  readonly pronoteVersion: number;
  readonly createdAt: string;
  /** null when nothing was ever typed into the base. */
  readonly lastEntryAt: string | null;
  /** Whole file size the header announces: compare with the uploaded size to detect truncation. */
  readonly announcedSize: number;
}

export const BASE_FILE_MAGIC: readonly number[] = [0x89, 0x48, 0x4e, 0x4f, 0x54, 0x0d, 0x0a, 0x1a];
export const SUPPORTED_BASE_FORMAT_VERSION = 1;
/** Bytes to read from the start of an upload for `inspectBaseFileHeader`. */
export const BASE_FILE_HEADER_LENGTH = 128;
const HEADER_CHECK_OFFSET = 124;
const TRAILER_LENGTH = 32;
const MAX_TIMESTAMP_MS = BigInt(Date.UTC(9999, 11, 31, 23, 59, 59, 999));

/** Recognises a real base by its header (magic, version, header check) and reads who and when it is for. */
export function inspectBaseFileHeader(firstBytes: Uint8Array): BaseFileHeader {
  const bytes = Buffer.from(firstBytes.buffer, firstBytes.byteOffset, firstBytes.byteLength);
  const magicPresent = Math.min(bytes.length, BASE_FILE_MAGIC.length);
  if (bytes.length === 0 || !bytes.subarray(0, magicPresent).equals(Buffer.from(BASE_FILE_MAGIC.slice(0, magicPresent)))) {
    throw notABase('this file is not a PRONOTE base (.HNOT header missing)', 'magic');
  }
  if (bytes.length >= 10 && bytes.readUInt16BE(8) !== SUPPORTED_BASE_FORMAT_VERSION) {
    throw new DomainError(
      BaseFileErrorCode.BASE_FORMAT_UNSUPPORTED,
      `base format version ${bytes.readUInt16BE(8)} is not supported (version ${SUPPORTED_BASE_FORMAT_VERSION} is)`,
      { formatVersion: bytes.readUInt16BE(8) },
    );
  }
  if (bytes.length < BASE_FILE_HEADER_LENGTH) {
    throw new DomainError(
      BaseFileErrorCode.BASE_FILE_TRUNCATED,
      `the base header needs ${BASE_FILE_HEADER_LENGTH} bytes, got ${bytes.length}`,
      { actualSize: bytes.length },
    );
  }
  const check = createHash('sha256').update(bytes.subarray(0, HEADER_CHECK_OFFSET)).digest().subarray(0, 4);
  if (!check.equals(bytes.subarray(HEADER_CHECK_OFFSET, BASE_FILE_HEADER_LENGTH))) {
    throw notABase('the base header is corrupted (header check mismatch)', 'header-check-mismatch');
  }
  const uai = bytes.toString('latin1', 12, 20);
  const schoolYearStart = bytes.readUInt16BE(20);
  const createdAtMs = bytes.readBigInt64BE(24);
  const lastEntryMs = bytes.readBigInt64BE(32);
  const instantReadable = (ms: bigint): boolean => ms >= 0n && ms <= MAX_TIMESTAMP_MS;
  if (!isValidUai(uai) || !instantReadable(createdAtMs) || !(lastEntryMs === -1n || instantReadable(lastEntryMs))) throw notABase('the base header holds unreadable fields', 'bad-field');
  return {
    formatVersion: SUPPORTED_BASE_FORMAT_VERSION,
    uai,
    schoolYear: `${schoolYearStart}-${schoolYearStart + 1}`,
    pronoteVersion: bytes.readUInt16BE(22),
    createdAt: new Date(Number(createdAtMs)).toISOString(),
    lastEntryAt: lastEntryMs === -1n ? null : new Date(Number(lastEntryMs)).toISOString(),
    announcedSize: BASE_FILE_HEADER_LENGTH + bytes.readUInt32BE(120) + TRAILER_LENGTH,
  };
}

/** A school may only load its own base: the UAI in the file must be the account's. */
export function assertBaseBelongsToSchool(header: BaseFileHeader, schoolUai: string): void {
  if (header.uai !== schoolUai) {
    throw new DomainError(
      BaseFileErrorCode.BASE_FILE_WRONG_SCHOOL,
      `this base belongs to the school ${header.uai}, not to ${schoolUai}`,
      { fileUai: header.uai, schoolUai },
    );
  }
}

function notABase(message: string, reason: string): DomainError {
  return new DomainError(BaseFileErrorCode.BASE_FILE_INVALID, message, { reason });
}
