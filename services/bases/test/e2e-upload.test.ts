import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { type HttpsResponse, httpsRequest, waitFor } from '@pronote/testing';
import { createHash } from 'node:crypto';
import { request as httpsRaw } from 'node:https';
import { encodeBaseFile } from '../src/domain/base-file-writer.js';

const PART = 5 * 1024 * 1024;
interface UploadView { id: string; baseId: string; partSize: number; nextPartNumber: number; status: string; parts: { partNumber: number }[] }

/**
 * Fiche 8 through the gateway: a .HNOT of three parts streamed to S3, interrupted in the middle of
 * part 2 and resumed from the part the service reports, with the final SHA-256 right; a base of
 * another school is refused at part 1; the loaded base is stopped and runtime-sim can serve it.
 */
describe('loading a base through the gateway (resumable upload)', () => {
  let platform: TestPlatform;
  const uai = '0750654D';
  const uploads = `/api/v1/schools/${uai}/bases/uploads`;

  beforeAll(async () => {
    platform = await startTestPlatform({
      only: ['accounts', 'bases', 'runtime-sim', 'gateway'],
      extraEnv: { bases: { UPLOAD_PART_SIZE_BYTES: String(PART) } },
    });
    await call('POST', '/api/v1/operator/accounts', {
      uai, schoolName: 'Collège Victor Hugo', contactEmail: 'direction@victorhugo.example', contactPhone: '06 12 34 56 78', licences: 4,
    });
  }, 180_000);

  afterAll(async () => {
    await platform?.teardown();
  }, 60_000);

  function call(method: string, path: string, body?: unknown, raw?: Buffer): Promise<HttpsResponse> {
    return httpsRequest(`${platform.gatewayUrl}${path}`, {
      method,
      ca: platform.tlsCertPem,
      headers: {
        authorization: `Bearer ${platform.operatorToken}`,
        ...(raw ? { 'content-type': 'application/octet-stream' } : body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  }

  /** Sends the first half of a part, then cuts the connection: the upload source dies mid-part. */
  function interruptedPart(path: string, part: Buffer): Promise<void> {
    return new Promise((resolve) => {
      const url = new URL(`${platform.gatewayUrl}${path}`);
      const req = httpsRaw(url, {
        method: 'PUT',
        ca: platform.tlsCertPem,
        headers: { authorization: `Bearer ${platform.operatorToken}`, 'content-type': 'application/octet-stream', 'content-length': String(part.length) },
      });
      req.on('error', () => resolve());
      req.on('response', (res) => { res.resume(); resolve(); });
      req.write(part.subarray(0, part.length / 2), () => setTimeout(() => req.destroy(), 100));
    });
  }

  const baseFile = (schoolUai: string, entries: number) =>
    encodeBaseFile({
      uai: schoolUai, schoolYearStart: 2022, pronoteVersion: 2022,
      createdAt: new Date('2022-08-25T08:00:00Z'), lastEntryAt: new Date('2023-01-10T10:00:00Z'),
      entries: Array.from({ length: entries }, (_, i) => ({ at: new Date(Date.UTC(2022, 8, 5, 8, 0, i % 60)), statisticIndex: i % 18, delta: 0, text: `saisie ${i} ${'x'.repeat(200)}` })),
    });

  it('refuses a base of another school at the first part and leaves the upload failed', async () => {
    const file = baseFile('0750653C', 10);
    const begun = await waitFor(async () => {
      const response = await call('POST', uploads, { fileName: 'Base 2022-2023.HNOT', size: file.length });
      return response.status === 201 ? response.json<UploadView>() : undefined;
    }, { what: 'the school recorded by bases' });
    const refused = await call('PUT', `${uploads}/${begun.id}/parts/1`, undefined, file);
    expect(refused.json()).toMatchObject({ status: 422, code: 'BASE_FILE_WRONG_SCHOOL' });
    expect((await call('GET', uploads + '/' + begun.id)).json<UploadView>().status).toBe('failed');
    expect((await call('POST', uploads, { fileName: 'notes.xlsx', size: 10 })).json()).toMatchObject({ code: 'UPLOAD_FILE_KIND_UNKNOWN' });
    expect((await call('POST', uploads, { fileName: 'big.HNOT', size: 3 * 1024 ** 3 })).json()).toMatchObject({ status: 413, code: 'UPLOAD_FILE_TOO_LARGE' });
  });

  it('resumes an interrupted upload from the next part and ends with the right SHA-256', async () => {
    const file = baseFile(uai, 50_000);
    expect(file.length).toBeGreaterThan(2 * PART);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const upload = (await call('POST', uploads, { fileName: 'Base 2022-2023.HNOT', size: file.length, sha256 })).json<UploadView>();
    expect(upload.partSize).toBe(PART);
    const part = (n: number) => file.subarray((n - 1) * PART, Math.min(file.length, n * PART));

    expect((await call('PUT', `${uploads}/${upload.id}/parts/1`, undefined, part(1))).status).toBe(200);
    await interruptedPart(`${uploads}/${upload.id}/parts/2`, part(2));
    const resumed = (await call('GET', `${uploads}/${upload.id}`)).json<UploadView>();
    expect(resumed).toMatchObject({ status: 'open', nextPartNumber: 2 });
    expect((await call('POST', `${uploads}/${upload.id}/complete`)).json()).toMatchObject({ code: 'UPLOAD_INCOMPLETE' });

    for (let n = resumed.nextPartNumber; n <= 3; n++) expect((await call('PUT', `${uploads}/${upload.id}/parts/${n}`, undefined, part(n))).status).toBe(200);
    const completed = await call('POST', `${uploads}/${upload.id}/complete`);
    expect(completed.status).toBe(200);
    const { upload: done, base } = completed.json<{ upload: UploadView & { sha256: string }; base: { id: string; state: string; schoolYear: string; origin: string; content: { sha256: string; size: number } } }>();
    expect(done).toMatchObject({ status: 'completed', sha256 });
    expect(base).toMatchObject({ id: upload.baseId, state: 'stopped', schoolYear: '2022-2023', origin: 'upload', content: { sha256, size: file.length } });
    expect((await call('POST', `${uploads}/${upload.id}/complete`)).json()).toMatchObject({ code: 'UPLOAD_ALREADY_COMPLETED' });

    // The loaded base must then be put in service (Fiche 8): runtime-sim verifies and serves the uploaded bytes.
    const started = await call('POST', `/api/v1/schools/${uai}/bases/${base.id}/start`, { sprPassword: 'a-long-spr-password' });
    expect(started.json()).toMatchObject({ state: 'in_service' });
  });
});
