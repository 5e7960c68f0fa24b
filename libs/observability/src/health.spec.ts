import { HealthRegistry } from './health.js';

describe('HealthRegistry', () => {
  it('is ready only when every check answers true in time', async () => {
    const health = new HealthRegistry();
    health.register({ name: 'postgres', check: () => true });
    health.register({ name: 'nats', check: async () => true });
    expect(await health.readiness()).toEqual({ ready: true, checks: { postgres: 'up', nats: 'up' } });

    health.register({ name: 'slow', check: () => new Promise<boolean>((r) => setTimeout(() => r(true), 200)) });
    health.register({ name: 'broken', check: () => { throw new Error('down'); } });
    const report = await health.readiness(50);
    expect(report.ready).toBe(false);
    expect(report.checks).toMatchObject({ slow: 'down', broken: 'down', postgres: 'up' });
  });

  it('reports not ready while shutting down', async () => {
    const health = new HealthRegistry();
    health.markShuttingDown();
    expect(await health.readiness()).toEqual({ ready: false, checks: { shutdown: 'down' } });
  });
});
