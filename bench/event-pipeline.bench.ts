/**
 * Event pipeline, as two services: in this process, account openings through the accounts repository
 * (concurrent openings share one statement and one commit: account, credentials, messages, history
 * and outbox rows) and the OutboxRelay → JetStream; in a child process, the bases consumer in batch
 * mode → claim + tenant write (bases tenants repository), reporting over IPC. Sustained, and compared
 * with raw JetStream publishes (1000 acks in flight) measured in the same run, before and after.
 * Targets (issue #2): ≥ 0.3× raw, p99 commit → handled < 50 ms.
 */
import { connectBus, ensureStream } from '@pronote/bus';
import { applyMigrations, servicePrismaLayout } from '@pronote/db';
import { createLogger } from '@pronote/observability';
import { dropSchemas, isolation } from '@pronote/testing';
import { resolve } from 'node:path';
import { benchEnv, duration } from './support/bench-env.js';
import { AccountsSide } from './support/pipeline/accounts-side.js';
import { BasesConsumerProcess } from './support/pipeline/bases-consumer-process.js';
import { sampleCpu } from './support/pipeline/cpu-accounting.js';
import { cpuPerUnit } from './support/process-cpu.js';
import { InFlightGate } from './support/pipeline/in-flight-gate.js';
import { PipelineClock, sharedClockNow } from './support/pipeline/pipeline-clock.js';
import type { PipelineSettings } from './support/pipeline/pipeline-settings.js';
import { SchoolAccounts } from './support/pipeline/school-accounts.js';
import { rawJetStreamPublishRate } from './support/raw-jetstream.js';
import { log, reportResult } from './support/result.js';
import { perSecond } from './support/stats.js';

const WARMUP_MS = duration(3_000, 500);
const MEASURE_MS = duration(30_000, 5_000);
const RAW_MS = duration(10_000, 1_000);
const RAW_IN_FLIGHT = 1000;
/** Concurrent account openings, like concurrent requests reaching the accounts service. */
const WRITERS = benchEnv.pipelineWriters;
/** Events committed but not yet handled, at most (back-pressure, see InFlightGate). */
const MAX_IN_FLIGHT = 256;
/** Events (or batches) the bases consumer handles at once: the services' NATS_CONSUMER_CONCURRENCY default. */
const CONSUMER_CONCURRENCY = 8;
const DRAIN_TIMEOUT_MS = 30_000;

const servicesDir = resolve(import.meta.dirname, '../services');
const ns = isolation();
const settings: PipelineSettings = {
  databaseUrl: benchEnv.databaseUrl,
  natsUrl: benchEnv.natsUrl,
  subjectPrefix: ns.subjectPrefix,
  accountsSchema: `${ns.schemaPrefix}_accounts`,
  basesSchema: `${ns.schemaPrefix}_bases`,
  stream: ns.stream,
};
const logger = createLogger({ service: 'bench-event-pipeline', level: 'warn' });
const rawStream = `${ns.stream}_RAW`;

async function runPipeline(accounts: AccountsSide, schools: SchoolAccounts): Promise<PipelineClock> {
  const clock = new PipelineClock();
  const gate = new InFlightGate(MAX_IN_FLIGHT);
  const bases = await BasesConsumerProcess.start(
    { settings, durable: 'bench-tenants', concurrency: CONSUMER_CONCURRENCY, nodeArgs: benchEnv.consumerNodeArgs },
    ([id, applied, at]) => {
      clock.onHandled(id, applied, at);
      if (applied) gate.release();
    },
  );
  try {
    accounts.relay.start();
    const startedAt = sharedClockNow();
    const stopAt = startedAt + WARMUP_MS + MEASURE_MS;
    clock.measureBetween(startedAt + WARMUP_MS, stopAt);
    const writer = async () => {
      while (sharedClockNow() < stopAt) {
        await gate.acquire();
        if (sharedClockNow() >= stopAt) return gate.release();
        const opening = schools.opening();
        await accounts.open(opening);
        clock.onCommitted(opening.event.id);
      }
    };
    const cpuAtWindowStart = sleep(WARMUP_MS).then(() => ({ handled: clock.handled, cpu: sampleCpu(settings.databaseUrl, bases.pid) }));
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const start = await cpuAtWindowStart;
    const [before, after] = await Promise.all([start.cpu, sampleCpu(settings.databaseUrl, bases.pid)]);
    log(`CPU per event handled in the measure window: ${cpuPerUnit(before, after, clock.handled - start.handled)}`);
    const drainDeadline = sharedClockNow() + DRAIN_TIMEOUT_MS;
    while (clock.handled < clock.committed && sharedClockNow() < drainDeadline) await sleep(20);
  } finally {
    await bases.stop();
  }
  return clock;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

log(`isolation ${ns.id}: schemas ${settings.accountsSchema}, ${settings.basesSchema}; stream ${ns.stream}`);
for (const [service, schema] of [['accounts', settings.accountsSchema], ['bases', settings.basesSchema]] as const) {
  await applyMigrations({ connectionString: settings.databaseUrl, schema, migrationsDir: servicePrismaLayout(servicesDir, service).migrationsDir });
}
const bus = connectBus({ servers: settings.natsUrl, name: 'bench-event-pipeline', subjectPrefix: ns.subjectPrefix });
const nc = await bus.ready();
await ensureStream(bus, { name: ns.stream });
await ensureStream(bus, { name: rawStream, subjects: ['raw.>'] });
const accounts = new AccountsSide(bus, settings, logger);

try {
  const schools = await SchoolAccounts.create();
  const payload = new TextEncoder().encode(JSON.stringify(schools.opening().event.envelope));
  const raw = { stream: rawStream, subject: bus.subject('raw.bench'), payload, durationMs: RAW_MS, inFlight: RAW_IN_FLIGHT };
  const cpuBeforeRaw = await sampleCpu(settings.databaseUrl, undefined);
  const rawBefore = await rawJetStreamPublishRate(nc, raw);
  log(`raw JetStream publish (${RAW_IN_FLIGHT} in flight), before: ${Math.round(rawBefore)} msg/s`);
  // What the baseline costs, to compare with the pipeline's CPU per event (the ratio a CPU-bound machine allows).
  log(`CPU per raw message: ${cpuPerUnit(cpuBeforeRaw, await sampleCpu(settings.databaseUrl, undefined), (rawBefore * RAW_MS) / 1000)}`);

  const clock = await runPipeline(accounts, schools);
  const eventsPerSecond = perSecond(clock.throughputCount, MEASURE_MS);
  log(`pipeline: ${clock.committed} committed, ${clock.handled} handled once, ${clock.duplicates} duplicate deliveries`);

  const rawAfter = await rawJetStreamPublishRate(nc, raw);
  log(`raw JetStream publish (${RAW_IN_FLIGHT} in flight), after: ${Math.round(rawAfter)} msg/s`);

  const baseline = (rawBefore + rawAfter) / 2;
  const p50 = clock.latencies.percentile(50);
  const p99 = clock.latencies.percentile(99);
  const ratio = eventsPerSecond / baseline;
  reportResult({
    name: 'event-pipeline',
    project: { label: 'commit → handled', value: eventsPerSecond, unit: 'events/s' },
    baseline: { label: `raw JetStream publish, ${RAW_IN_FLIGHT} in flight`, value: baseline, unit: 'msg/s' },
    ratio,
    figures: [
      { label: 'p50', value: p50, unit: 'ms' },
      { label: 'p99', value: p99, unit: 'ms' },
      { label: 'events measured', value: clock.latencies.count, unit: '' },
    ],
    targets: [
      { label: '≥ 0.3× raw', met: ratio >= 0.3 },
      { label: 'p99 < 50 ms', met: p99 < 50 },
      { label: 'every committed event handled exactly once', met: clock.handled === clock.committed && clock.duplicates === 0 },
    ],
  });
} finally {
  await accounts.close();
  const jsm = await nc.jetstreamManager();
  await jsm.streams.delete(ns.stream).catch(() => undefined);
  await jsm.streams.delete(rawStream).catch(() => undefined);
  await bus.close();
  await dropSchemas([settings.accountsSchema, settings.basesSchema], settings.databaseUrl);
}
