import { randomUUID } from 'node:crypto';
import { type Bus, connectBus, publishEvent } from '@pronote/bus';
import { BaseServiceStarted, BackupsErrorCodes } from '@pronote/contracts';
import { createLogger } from '@pronote/observability';
import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { createS3Client, ObjectStore } from '@pronote/storage';
import { type HttpsResponse, httpsRequest, waitFor } from '@pronote/testing';
import { RuntimeDouble, encodeBase, statistics } from './support/runtime-double.js';

/**
 * Through the gateway over HTTPS: a base put in service (the bases event) gets backed up on demand,
 * listed, detailed, previewed, refused for restore while in service, restored after confirmation
 * (safety backup listed), operator views. The hosted runtime is the test's double on the platform's NATS.
 */
const UAI = '0750658H';
let platform: TestPlatform;
let bus: Bus;
let runtime: RuntimeDouble;
const baseId = randomUUID();

beforeAll(async () => {
  platform = await startTestPlatform({ only: ['accounts', 'backups', 'gateway'] });
  const logger = createLogger({ service: 'backups-e2e', level: 'silent' });
  bus = connectBus({ servers: 'nats://127.0.0.1:4222', name: 'backups-e2e', subjectPrefix: platform.isolation.subjectPrefix, logger });
  const url = new URL(platform.s3.endpoint);
  const store = new ObjectStore({
    client: createS3Client({ endPoint: url.hostname, port: Number(url.port), useSSL: false, accessKey: platform.s3.accessKey, secretKey: platform.s3.secretKey, region: 'us-east-1' }),
    bucket: platform.s3.bucket,
  });
  runtime = new RuntimeDouble(bus, store, logger);
  await runtime.start();
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  await bus?.close();
  await platform?.teardown();
}, 60_000);

const call = (method: string, path: string, body?: unknown): Promise<HttpsResponse> => platform.asOperator(method, path, body);

it('manual backup → listing → detail → preview → restore refused in service, then confirmed → safety backup listed; operator views', async () => {
  const live = encodeBase({ statistics: statistics(300), lastEntryAt: '2022-06-20T09:00:00.000Z', marker: 'before' }, 4096);
  runtime.load(UAI, { baseId, state: 'in_service', createdAt: '2022-08-25T08:00:00.000Z', content: live });
  await publishEvent(
    bus,
    BaseServiceStarted,
    { baseId, uai: UAI, name: 'Base année 2022-2023', schoolYear: '2022-2023', contentKey: `bases/${UAI}/${baseId}/content.hnot`, startedAt: new Date().toISOString() },
    { correlationId: randomUUID() },
  );

  const manual = await waitFor(async () => {
    const response = await call('POST', `/api/v1/schools/${UAI}/backups`);
    return response.status === 201 ? response : undefined;
  }, { timeoutMs: 30_000, what: 'the base known to backups and backed up' });
  const backup = manual.json<{ restorePointId: string; fileName: string }>();
  expect(backup.fileName).toBe('Base année 2022-202301.sauvs');

  const listing = await call('GET', `/api/v1/schools/${UAI}/backups`);
  expect(listing.status).toBe(200);
  expect(listing.json<{ title: string }>().title).toBe('Sauvegardes (1) et archives (0)');

  const detail = (await call('GET', `/api/v1/schools/${UAI}/backups/${backup.restorePointId}`)).json<{ statistics: Record<string, number>; sizeBytes: number }>();
  expect(detail.statistics).toEqual(statistics(300));
  expect(detail.sizeBytes).toBe(live.length);

  runtime.bases.get(UAI)!.content = encodeBase({ statistics: statistics(310), lastEntryAt: '2022-06-20T11:00:00.000Z', marker: 'after' }, 4096);
  const preview = (await call('GET', `/api/v1/schools/${UAI}/backups/${backup.restorePointId}/restore-preview`)).json<{ baseInService: boolean; lostEntries: unknown }>();
  expect(preview.baseInService).toBe(true);
  expect(preview.lostEntries).toEqual({ after: '2022-06-20T09:00:00.000Z', upTo: '2022-06-20T11:00:00.000Z' });

  const refused = await call('POST', `/api/v1/schools/${UAI}/backups/${backup.restorePointId}/restore`, {});
  expect(refused.status).toBe(409);
  expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(refused.json<{ code: string }>().code).toBe(BackupsErrorCodes.BASE_IN_SERVICE);

  const restored = await call('POST', `/api/v1/schools/${UAI}/backups/${backup.restorePointId}/restore`, { confirmStop: true });
  expect(restored.status).toBe(200);
  expect(restored.json<{ baseState: string }>().baseState).toBe('stopped');
  expect(runtime.bases.get(UAI)!.content.equals(live)).toBe(true);
  const after = (await call('GET', `/api/v1/schools/${UAI}/backups`)).json<{ rows: Array<{ kind: string }> }>();
  expect(after.rows.map((row) => row.kind).sort()).toEqual(['backup', 'safety']);

  const notArchive = await call('GET', `/api/v1/schools/${UAI}/backups/${backup.restorePointId}/download`);
  expect(notArchive.json<{ code: string }>().code).toBe(BackupsErrorCodes.NOT_AN_ARCHIVE);
  expect((await call('GET', `/api/v1/schools/${UAI}/backups/not-a-uuid`)).status).toBe(400);
  expect((await call('GET', `/api/v1/schools/${UAI}/backups/${randomUUID()}`)).status).toBe(404);

  expect((await call('GET', `/api/v1/operator/backups/failures?uai=${UAI}`)).json()).toEqual({ failures: [] });
  expect((await call('GET', `/api/v1/schools/${UAI}/backups/alerts`)).json()).toEqual({ alerts: [] });
  expect((await call('GET', '/api/v1/operator/backups/drills')).status).toBe(200);
  const anonymous = await httpsRequest(`${platform.gatewayUrl}/api/v1/operator/backups/failures`, { ca: platform.tlsCertPem });
  expect(anonymous.status).toBe(401);
}, 120_000);
