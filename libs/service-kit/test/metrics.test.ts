import { type Bus, connectBus, sendCommand } from '@pronote/bus';
import { defineCommand } from '@pronote/contracts';
import { createLogger, createMetricsRegistry, processMetrics } from '@pronote/observability';
import { uniqueId } from '@pronote/testing';
import { z } from 'zod';
import { command, serveCommands } from '../src/commands.js';

/** Commands served through the kit are timed per subject and outcome in the process registry. */
describe('command metrics', () => {
  const prefix = uniqueId('m');
  let bus: Bus;

  beforeAll(async () => {
    createMetricsRegistry('metrics-test');
    bus = connectBus({ servers: 'nats://127.0.0.1:4222', name: 'metrics-test', subjectPrefix: prefix });
    await bus.ready();
  });

  afterAll(async () => {
    await bus.close();
  });

  it('records ok and error outcomes', async () => {
    const Echo = defineCommand('test.echo', 1, z.object({ fail: z.boolean() }), z.object({ ok: z.literal(true) }));
    const group = serveCommands(bus, { queue: 'metrics', logger: createLogger({ service: 'metrics-test', level: 'silent' }) }, [
      command(Echo, async ({ fail }) => {
        if (fail) throw Object.assign(new Error('refused'), { code: 'ECHO_REFUSED' });
        return { ok: true as const };
      }),
    ]);
    await new Promise((r) => setTimeout(r, 200));
    await sendCommand(bus, Echo, { fail: false });
    await expect(sendCommand(bus, Echo, { fail: true })).rejects.toThrow();
    await group.stop();

    const text = await processMetrics().metrics();
    expect(text).toMatch(/nats_command_duration_seconds_count\{[^}]*subject="test\.echo\.v1"[^}]*outcome="ok"[^}]*\} 1/);
    expect(text).toMatch(/nats_command_duration_seconds_count\{[^}]*outcome="ECHO_REFUSED"[^}]*\} 1/);
  });
});
