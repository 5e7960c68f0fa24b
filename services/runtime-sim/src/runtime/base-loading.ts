import { DomainError } from '@pronote/contracts';
import type { BaseContent } from '../base-format/base-content.js';
import { decodeBase } from '../base-format/base-codec.js';
import { ContentInvalidError } from './runtime.errors.js';

/** Decodes bytes read from `key` for `uai`: a damaged file or another school's base is RUNTIME_CONTENT_INVALID. */
export function decodeSchoolBase(uai: string, key: string, bytes: Buffer): BaseContent {
  const content = decodeAnyBase(key, bytes);
  if (content.uai !== uai) throw new ContentInvalidError(key, `it is a base of ${content.uai}, not of ${uai}`, { baseUai: content.uai });
  return content;
}

/** Decodes bytes read from `key`, whichever school's base it is: a damaged file is RUNTIME_CONTENT_INVALID. */
export function decodeAnyBase(key: string, bytes: Buffer): BaseContent {
  try {
    return decodeBase(bytes);
  } catch (error) {
    if (error instanceof DomainError) throw new ContentInvalidError(key, error.message, { formatCode: error.code });
    throw error;
  }
}
