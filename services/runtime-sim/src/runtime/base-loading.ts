import { DomainError } from '@pronote/contracts';
import type { BaseContent } from '../base-format/base-content.js';
import { decodeBase } from '../base-format/base-codec.js';
import { type BaseHeader, baseHeaderReader } from '../base-format/base-reader.js';
import type { ContentSink } from '../storage/content-objects.js';
import { ContentInvalidError } from './runtime.errors.js';

/** Decodes bytes read from `key` for `uai`: a damaged file or another school's base is RUNTIME_CONTENT_INVALID. */
export function decodeSchoolBase(uai: string, key: string, bytes: Buffer): BaseContent {
  return ofSchool(uai, key, readOrRefuse(key, () => decodeBase(bytes)));
}

/**
 * Checks a base read from `key` as it streams, keeping nothing but its header: the same verdict as
 * `decodeSchoolBase` (any school's base when `uai` is null), without holding the file.
 */
export function baseHeaderSink(key: string, uai: string | null): ContentSink<BaseHeader> {
  const reader = baseHeaderReader();
  return {
    write: (chunk) => reader.write(chunk),
    end: () => {
      const header = readOrRefuse(key, () => reader.end());
      return uai === null ? header : ofSchool(uai, key, header);
    },
  };
}

function readOrRefuse<T>(key: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DomainError) throw new ContentInvalidError(key, error.message, { formatCode: error.code });
    throw error;
  }
}

function ofSchool<T extends { uai: string }>(uai: string, key: string, base: T): T {
  if (base.uai !== uai) throw new ContentInvalidError(key, `it is a base of ${base.uai}, not of ${uai}`, { baseUai: base.uai });
  return base;
}
