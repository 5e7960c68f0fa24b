import { createHash } from 'node:crypto';
import {
  BASE_FILE_HEADER_LENGTH,
  BaseFileErrorCode,
  DEFAULT_UPLOAD_SIZE_LIMITS,
  assertBaseBelongsToSchool,
  checkUploadSize,
  classifyBaseFile,
  inspectBaseFileHeader,
  uploadSizeLimits,
} from './base-files.js';

/**
 * Written by runtime-sim's encoder (services/runtime-sim/src/base-format/base-codec.spec.ts holds the
 * same bytes): a 2022-2023 base of 0750654D with one entry, 203 bytes.
 */
const REFERENCE_HEX =
  '89484e4f540d0a1a00010000303735303635344407e607e60000018161bceba0' +
  '000001818e5bf480001200000000006b000000370000006f000000880000049f' +
  '0000002a000005f000005d9b0000173e000004d700001df60000001f00000000' +
  '000000020000003f00001412000003a700001b48000000010000002b12e525ad' +
  '000001818e5bf4800f0000000001001b416273656e6365206465203868303020' +
  'c3a020396830302c203442fc5aa3d46fd6296855a8eff7c8404ce451c15d42b5' +
  '1fe624b1e96dc9985abcc2';
const reference = Buffer.from(REFERENCE_HEX, 'hex');

const GiB = 1024 ** 3;

describe('classifying uploaded files (Fiche 8)', () => {
  it.each([
    ['Base_2022-2023.HNOT', 'base'],
    ['Base_2022-2023_Courriers.HCourriers', 'courriers'],
    ['Base_2022-2023_Documents joints élève.HDocJointEleve', 'documents-joints-eleve'],
    ['Base_2022-2023_Documents joints.HDocJoints', 'documents-joints'],
    ['Base_2022-2023_Photos.HPhotos', 'photos'],
    ['PRONOTE.profils', 'profils'],
  ])('recognises the seed’s %s', (fileName, kind) => {
    expect(classifyBaseFile(fileName)).toBe(kind);
  });

  it('ignores case and folders', () => {
    expect(classifyBaseFile('base_2022-2023.hnot')).toBe('base');
    expect(classifyBaseFile('C:\\Users\\cpe\\Bureau\\Hébergement de Base 2022-2023\\X.HPHOTOS')).toBe('photos');
    expect(classifyBaseFile('/media/usb/utilisateurs.PROFILS')).toBe('profils');
  });

  it.each(['Annee Base 2021-2022.not', 'Base année 2022-202301.sauvs', 'notes.HNOT.zip', 'HNOT', '.HNOT', 'Base_2022-2023.HNOT/', ''])(
    'refuses "%s"',
    (fileName) => {
      expect(() => classifyBaseFile(fileName)).toThrow(
        expect.objectContaining({
          code: BaseFileErrorCode.UPLOAD_FILE_KIND_UNKNOWN,
          details: expect.objectContaining({ field: 'fileName', accepted: expect.arrayContaining(['.HNOT', '.profils']) }),
        }),
      );
    },
  );
});

describe('upload sizes', () => {
  it('allows a base up to 2 GiB', () => {
    expect(DEFAULT_UPLOAD_SIZE_LIMITS.base).toBe(2 * GiB);
    expect(() => checkUploadSize('base', 2 * GiB)).not.toThrow();
    expect(() => checkUploadSize('base', 2 * GiB + 1)).toThrow(
      expect.objectContaining({ code: BaseFileErrorCode.UPLOAD_FILE_TOO_LARGE, details: expect.objectContaining({ limitBytes: 2 * GiB }) }),
    );
  });

  it('has a limit for every kind, far above the seed’s files', () => {
    expect(() => checkUploadSize('photos', 1148 * 1024)).not.toThrow();
    expect(() => checkUploadSize('profils', 16 * 1024 ** 2 + 1)).toThrow(expect.objectContaining({ code: BaseFileErrorCode.UPLOAD_FILE_TOO_LARGE }));
  });

  it('takes configured limits', () => {
    const limits = uploadSizeLimits({ base: 10 * 1024 ** 2 });
    expect(limits.photos).toBe(DEFAULT_UPLOAD_SIZE_LIMITS.photos);
    expect(() => checkUploadSize('base', 8141 * 1024, limits)).not.toThrow();
    expect(() => checkUploadSize('base', 11 * 1024 ** 2, limits)).toThrow(expect.objectContaining({ code: BaseFileErrorCode.UPLOAD_FILE_TOO_LARGE }));
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a size of %p as empty', (size) => {
    expect(() => checkUploadSize('courriers', size)).toThrow(expect.objectContaining({ code: BaseFileErrorCode.UPLOAD_FILE_EMPTY }));
  });
});

describe('recognising a base by its header', () => {
  it('reads who and when the base is for from its first 128 bytes', () => {
    expect(inspectBaseFileHeader(reference.subarray(0, BASE_FILE_HEADER_LENGTH))).toEqual({
      formatVersion: 1,
      uai: '0750654D',
      schoolYear: '2022-2023',
      pronoteVersion: 2022,
      createdAt: '2022-06-14T10:23:00.000Z',
      lastEntryAt: '2022-06-23T02:20:00.000Z',
      announcedSize: reference.length,
    });
    expect(inspectBaseFileHeader(reference).uai).toBe('0750654D');
  });

  it('reads "never typed into" as no last entry', () => {
    const header = Buffer.from(reference.subarray(0, BASE_FILE_HEADER_LENGTH));
    header.writeBigInt64BE(-1n, 32);
    createHash('sha256').update(header.subarray(0, 124)).digest().copy(header, 124, 0, 4);
    expect(inspectBaseFileHeader(header).lastEntryAt).toBeNull();
  });

  it('refuses files that are not bases', () => {
    for (const other of [Buffer.alloc(0), Buffer.from('PK\u0003\u0004 zip archive'), Buffer.alloc(200)]) {
      expect(() => inspectBaseFileHeader(other)).toThrow(expect.objectContaining({ code: BaseFileErrorCode.BASE_FILE_INVALID }));
    }
  });

  it('reports a header cut short as truncated', () => {
    for (const length of [4, 8, 10, 127]) {
      expect(() => inspectBaseFileHeader(reference.subarray(0, length))).toThrow(
        expect.objectContaining({ code: BaseFileErrorCode.BASE_FILE_TRUNCATED }),
      );
    }
  });

  it('refuses format versions it does not know', () => {
    const newer = Buffer.from(reference);
    newer.writeUInt16BE(2, 8);
    expect(() => inspectBaseFileHeader(newer)).toThrow(
      expect.objectContaining({ code: BaseFileErrorCode.BASE_FORMAT_UNSUPPORTED, details: { formatVersion: 2 } }),
    );
  });

  it('detects a damaged header', () => {
    for (const index of [12, 20, 33, 60, 120, 126]) {
      const damaged = Buffer.from(reference);
      damaged[index] = damaged[index]! ^ 0x40;
      expect(() => inspectBaseFileHeader(damaged)).toThrow(expect.objectContaining({ code: BaseFileErrorCode.BASE_FILE_INVALID }));
    }
  });

  it('refuses a well-sealed header holding an invalid UAI', () => {
    const header = Buffer.from(reference.subarray(0, BASE_FILE_HEADER_LENGTH));
    header.write('E', 19, 'ascii');
    createHash('sha256').update(header.subarray(0, 124)).digest().copy(header, 124, 0, 4);
    expect(() => inspectBaseFileHeader(header)).toThrow(expect.objectContaining({ code: BaseFileErrorCode.BASE_FILE_INVALID }));
  });

  it('lets a school load only its own base', () => {
    const header = inspectBaseFileHeader(reference);
    expect(() => assertBaseBelongsToSchool(header, '0750654D')).not.toThrow();
    expect(() => assertBaseBelongsToSchool(header, '0750653C')).toThrow(
      expect.objectContaining({ code: BaseFileErrorCode.BASE_FILE_WRONG_SCHOOL }),
    );
  });
});
