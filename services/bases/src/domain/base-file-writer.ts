import { createHash } from 'node:crypto';
import { BASE_FILE_HEADER_LENGTH, BASE_FILE_MAGIC, SUPPORTED_BASE_FORMAT_VERSION } from './base-files.js';

/**
 * Writes a base in the runtime's .HNOT format, version 1 (services/runtime-sim/src/base-format/FORMAT.md).
 * Services share no code, so the layout is restated here like the header reader in base-files.ts; the
 * runtime verifies every byte when it loads the base, which the end-to-end tests exercise.
 * Used for new empty bases (Fiche 4) and, with entries, for test fixtures of realistic size.
 */

const STATISTIC_COUNT = 18;
const ENTRY_HEADER_LENGTH = 16;

export interface BaseFileEntry {
  readonly at: Date;
  /** Index of the statistic the entry moves, 0–17 in the format's order. */
  readonly statisticIndex: number;
  readonly delta: number;
  readonly text: string;
}

export interface BaseFileContent {
  readonly uai: string;
  readonly schoolYearStart: number;
  readonly pronoteVersion: number;
  readonly createdAt: Date;
  readonly lastEntryAt: Date | null;
  /** 18 counters; zeros for an empty base. */
  readonly statistics?: readonly number[];
  readonly entries?: readonly BaseFileEntry[];
}

export function encodeBaseFile(content: BaseFileContent): Buffer {
  const payload = Buffer.concat((content.entries ?? []).map(encodeEntry));
  const header = Buffer.alloc(BASE_FILE_HEADER_LENGTH);
  Buffer.from(BASE_FILE_MAGIC).copy(header, 0);
  header.writeUInt16BE(SUPPORTED_BASE_FORMAT_VERSION, 8);
  header.write(content.uai, 12, 8, 'latin1');
  header.writeUInt16BE(content.schoolYearStart, 20);
  header.writeUInt16BE(content.pronoteVersion, 22);
  header.writeBigInt64BE(BigInt(content.createdAt.getTime()), 24);
  header.writeBigInt64BE(content.lastEntryAt ? BigInt(content.lastEntryAt.getTime()) : -1n, 32);
  header.writeUInt16BE(STATISTIC_COUNT, 40);
  const statistics = content.statistics ?? new Array<number>(STATISTIC_COUNT).fill(0);
  statistics.forEach((value, index) => header.writeUInt32BE(value, 44 + index * 4));
  header.writeUInt32BE(content.entries?.length ?? 0, 116);
  header.writeUInt32BE(payload.length, 120);
  createHash('sha256').update(header.subarray(0, 124)).digest().copy(header, 124, 0, 4);
  const body = Buffer.concat([header, payload]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** A base with nothing typed in it yet: the content of "Créer une nouvelle base vide". */
export function encodeEmptyBase(uai: string, schoolYearStart: number, pronoteVersion: number, createdAt: Date): Buffer {
  return encodeBaseFile({ uai, schoolYearStart, pronoteVersion, createdAt, lastEntryAt: null });
}

function encodeEntry(entry: BaseFileEntry): Buffer {
  const text = Buffer.from(entry.text, 'utf8');
  const bytes = Buffer.alloc(ENTRY_HEADER_LENGTH + text.length);
  bytes.writeBigInt64BE(BigInt(entry.at.getTime()), 0);
  bytes.writeUInt8(entry.statisticIndex, 8);
  bytes.writeInt32BE(entry.delta, 10);
  bytes.writeUInt16BE(text.length, 14);
  text.copy(bytes, ENTRY_HEADER_LENGTH);
  return bytes;
}
