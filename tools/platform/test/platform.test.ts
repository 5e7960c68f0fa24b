import { PLATFORM_SERVICES, type TestPlatform, startTestPlatform } from '@pronote/platform';
import { ServiceProcess } from '@pronote/supervisor';
import { freePort, httpsRequest, waitFor } from '@pronote/testing';

/**
 * Issue #2, item 1: every service boots on its own, answers liveness/readiness/metrics, logs JSON
 * with a correlation id, and stops gracefully; a bad configuration stops it with a clear message.
 */
describe('the platform', () => {
  let platform: TestPlatform;
  let startMs: number;

  beforeAll(async () => {
    const started = Date.now();
    platform = await startTestPlatform({ logLevel: 'info' });
    startMs = Date.now() - started;
  }, 180_000);

  afterAll(async () => {
    await platform?.teardown();
  }, 60_000);

  it('starts every service and the gateway', () => {
    expect([...platform.processes.keys()].sort()).toEqual([...PLATFORM_SERVICES].sort());
    process.stdout.write(`platform ready in ${startMs} ms\n`);
  });

  it.each(PLATFORM_SERVICES.filter((s) => s !== 'gateway'))('%s answers its probes and metrics', async (service) => {
    const base = platform.processes.get(service)!.options.readinessUrl.replace('/health/ready', '');
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: expect.objectContaining({ nats: 'up' }) });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(`process_cpu_user_seconds_total{service="${service}"}`);
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/health\/live"[^}]*status="200"/);
  });

  it('logs JSON lines carrying the service name and the request correlation id', async () => {
    const gateway = platform.processes.get('gateway')!;
    const answer = await httpsRequest(`${platform.gatewayUrl}/api/v1/operator/accounts/not-a-uuid`, {
      ca: platform.tlsCertPem,
      headers: { authorization: `Bearer ${platform.operatorToken}` },
    });
    expect(answer.status).toBe(400);
    const jsonLines = () => gateway.lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    // Logs are written in batches, at the latest every 200 ms: the access line comes after the answer.
    const access = await waitFor(() => jsonLines().find((line) => line['url'] === '/api/v1/operator/accounts/not-a-uuid'), {
      what: 'the access log line',
    });
    expect(access).toMatchObject({ msg: 'http request', status: 400, correlationId: expect.any(String) });
    expect(jsonLines().every((line) => line['service'] === 'gateway' && typeof line['time'] === 'string')).toBe(true);
  });

  it('stops services gracefully on SIGTERM: shutdown hooks run, no forced kill', async () => {
    for (const service of ['publication', 'sessions'] as const) {
      const child = platform.processes.get(service)!;
      const exit = await child.stop();
      expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
      expect(child.lines.some((line) => line.includes('"msg":"shutting down"'))).toBe(true);
    }
  });
});

describe('configuration validated at start', () => {
  it('stops a service with exit code 78 and a message naming each bad variable', async () => {
    const port = await freePort();
    const child = new ServiceProcess({
      name: 'publication',
      entry: 'services/publication/src/main.ts',
      env: { HTTP_PORT: 'not-a-port', NATS_URL: '', LOG_LEVEL: 'loud' },
      readinessUrl: `http://127.0.0.1:${port}/health/ready`,
    });
    child.start();
    await expect(child.waitReady(20_000)).rejects.toThrow(/exited with 78/);
    expect(child.tail()).toMatch(/HTTP_PORT: invalid/);
    expect(child.tail()).toMatch(/LOG_LEVEL: invalid/);
  }, 30_000);
});
