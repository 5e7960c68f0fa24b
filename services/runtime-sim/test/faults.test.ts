import { RemoteCommandError } from '@pronote/bus';
import { CommonErrorCode, RuntimeStart, RuntimeStats, baseContentKey } from '@pronote/contracts';
import { loadRuntimeSimConfig } from '../src/config/runtime-sim.config.js';
import { randomUUID } from 'node:crypto';
import { encodeBase } from '../src/base-format/base-codec.js';
import { sampleBase } from '../src/base-format/sample-base.js';
import { type RuntimeSimHarness, startRuntimeSim } from './support/runtime-sim.harness.js';

const UAI = '0750654D';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RemoteCommandError) return error.code;
    throw error;
  }
  throw new Error('expected the order to fail');
}

describe('runtime-sim fault injection and health', () => {
  let sim: RuntimeSimHarness;

  beforeAll(async () => {
    sim = await startRuntimeSim({ RUNTIME_SIM_REPLY_DELAY_MS: '0', RUNTIME_SIM_SILENT_ORDERS: '' });
  }, 60_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('refuses a bad fault configuration at start', () => {
    expect(() => loadRuntimeSimConfig({ S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', RUNTIME_SIM_SILENT_ORDERS: 'start,reboot' })).toThrow(/RUNTIME_SIM_SILENT_ORDERS/);
    expect(() => loadRuntimeSimConfig({ S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', RUNTIME_SIM_REPLY_DELAY_MS: '-5' })).toThrow(/RUNTIME_SIM_REPLY_DELAY_MS/);
    expect(loadRuntimeSimConfig({ S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', RUNTIME_SIM_SILENT_ORDERS: 'start, stop' }).RUNTIME_SIM_SILENT_ORDERS).toEqual(['start', 'stop']);
  });

  it('carries out a delayed order but answers too late for an impatient caller; a retry then succeeds', async () => {
    const baseId = randomUUID();
    const content = await sim.upload(baseContentKey(UAI, baseId), encodeBase(sampleBase(3000, { uai: UAI })));
    expect((await sim.http('PUT', '/sim/faults', { replyDelayMs: 1500, silentOrders: [] })).status).toBe(200);
    try {
      expect(await codeOf(sim.order(RuntimeStart, UAI, { uai: UAI, baseId, content }, 500))).toBe(CommonErrorCode.UPSTREAM_TIMEOUT);
      // A patient caller gets the answer, later than the delay.
      const patientAt = Date.now();
      expect(await sim.order(RuntimeStats, UAI, { uai: UAI }, 5000)).toMatchObject({ baseId, state: 'in_service' });
      expect(Date.now() - patientAt).toBeGreaterThanOrEqual(1400);
    } finally {
      await sim.http('PUT', '/sim/faults', { replyDelayMs: 0, silentOrders: [] });
    }
    // The timed-out start did happen: retrying it is a success, not RUNTIME_ALREADY_RUNNING.
    expect(await sim.order(RuntimeStart, UAI, { uai: UAI, baseId, content })).toMatchObject({ baseId, state: 'in_service' });
  });

  it('drops silent orders without carrying them out: callers time out, other orders still answer', async () => {
    const school = '0750653C';
    const baseId = randomUUID();
    const content = await sim.upload(baseContentKey(school, baseId), encodeBase(sampleBase(3000, { uai: school })));
    await sim.http('PUT', '/sim/faults', { replyDelayMs: 0, silentOrders: ['start'] });
    try {
      expect(await codeOf(sim.order(RuntimeStart, school, { uai: school, baseId, content }, 700))).toBe(CommonErrorCode.UPSTREAM_TIMEOUT);
      expect(await sim.order(RuntimeStats, school, { uai: school })).toMatchObject({ baseId: null, state: 'stopped' });
    } finally {
      await sim.http('PUT', '/sim/faults', { replyDelayMs: 0, silentOrders: [] });
    }
    expect(await sim.http('PUT', '/sim/faults', { replyDelayMs: 0, silentOrders: ['reboot'] })).toMatchObject({ status: 400 });
  });

  it('reports not ready while S3 is unreachable', async () => {
    const ready = await sim.http('GET', '/health/ready');
    expect(ready).toMatchObject({ status: 200, body: { checks: { s3: 'up', postgres: 'up', nats: 'up' } } });
    await sim.s3.close();
    const down = await sim.http('GET', '/health/ready');
    expect(down).toMatchObject({ status: 503, body: { checks: { s3: 'down', postgres: 'up' } } });
  });
});
