/**
 * Event pipeline, as two services: in this process, account openings through the accounts repository
 * (concurrent openings share one statement and one commit: account, credentials, messages, history
 * and outbox rows) and the OutboxRelay → JetStream; in a child process, the bases consumer in batch
 * mode → claim + tenant write (bases tenants repository), reporting over IPC. Sustained, and compared
 * with raw JetStream publishes (1000 acks in flight) measured in the same run, before and after.
 * Targets (issue #2): ≥ 0.3× raw, p99 commit → handled < 50 ms.
 *
 * Then, same run, the floor: the same events through the least an outbox pipeline can do with the
 * same drivers (support/pipeline/minimal-pipeline.ts), to tell what ratio this machine allows at all.
 */
import { connectBus, ensureStream } from '@pronote/bus';
import { applyMigrations, servicePrismaLayout } from '@pronote/db';
import { createLogger } from '@pronote/observability';
import { dropSchemas, isolation } from '@pronote/testing';
import { AckPolicy } from 'nats';
import pg from 'pg';
import { resolve } from 'node:path';
import { benchEnv, duration } from './support/bench-env.js';
import { AccountsSide } from './support/pipeline/accounts-side.js';
import type { BasesConsumerArgs } from './support/pipeline/bases-consumer.process.js';
import { ConsumerProcess, type ConsumerProcessOptions } from './support/pipeline/consumer-process.js';
import { MINIMAL_POSTGRES_PARTS, PROJECT_POSTGRES_PARTS, sampleCpu } from './support/pipeline/cpu-accounting.js';
import { InFlightGate } from './support/pipeline/in-flight-gate.js';
import type { MinimalConsumerArgs } from './support/pipeline/minimal-consumer.process.js';
import { MINIMAL_PRODUCER_APP, MinimalProducer, WRITE_BATCH, minimalEvent, minimalSchemaSql } from './support/pipeline/minimal-pipeline.js';
import { PipelineClock, sharedClockNow } from './support/pipeline/pipeline-clock.js';
import type { PipelineSettings } from './support/pipeline/pipeline-settings.js';
import { SchoolAccounts } from './support/pipeline/school-accounts.js';
import { cpuPerUnit } from './support/process-cpu.js';
import { rawJetStreamPublishRate } from './support/raw-jetstream.js';
import { log, reportResult } from './support/result.js';
import { perSecond } from './support/stats.js';

const WARMUP_MS = duration(3_000, 500);
const MEASURE_MS = duration(30_000, 5_000);
const FLOOR_MEASURE_MS = duration(15_000, 2_000);
const RAW_MS = duration(10_000, 1_000);
const RAW_IN_FLIGHT = 1000;
/** Concurrent account openings, like concurrent requests reaching the accounts service. */
const WRITERS = benchEnv.pipelineWriters;
/** Events committed but not yet handled, at most (back-pressure, see InFlightGate). */
const MAX_IN_FLIGHT = 256;
/** The floor's: larger batches everywhere only help it (it is an upper bound, not a latency figure). */
const FLOOR_MAX_IN_FLIGHT = 2048;
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
const minimalSchema = `${ns.schemaPrefix}_minimal`;
const logger = createLogger({ service: 'bench-event-pipeline', level: 'warn' });
const rawStream = `${ns.stream}_RAW`;
const minimalStream = `${ns.stream}_MINIMAL`;

/** A pipeline driven at full speed: its writers commit events, its consumer process reports them handled. */
interface SustainedPipeline {
  consumer: ConsumerProcessOptions<unknown>;
  /** application_name of its Postgres pools → the part each stands for (CPU accounting). */
  postgresParts: Record<string, string>;
  startRelay(): void;
  writers: number;
  /** Commits the next `eventsPerWrite` events; returns their ids. */
  write(): Promise<string[]>;
  eventsPerWrite: number;
  /** Events committed but not yet handled, at most (back-pressure, see InFlightGate). */
  maxInFlight: number;
  measureMs: number;
}

async function runPipeline(pipeline: SustainedPipeline): Promise<{ clock: PipelineClock; cpu: string }> {
  const clock = new PipelineClock();
  const gate = new InFlightGate(pipeline.maxInFlight);
  const consumer = await ConsumerProcess.start(pipeline.consumer, ([id, applied, at]) => {
    clock.onHandled(id, applied, at);
    if (applied) gate.release();
  });
  try {
    pipeline.startRelay();
    const startedAt = sharedClockNow();
    const stopAt = startedAt + WARMUP_MS + pipeline.measureMs;
    clock.measureBetween(startedAt + WARMUP_MS, stopAt);
    const writer = async () => {
      while (sharedClockNow() < stopAt) {
        for (let slot = 0; slot < pipeline.eventsPerWrite; slot++) await gate.acquire();
        if (sharedClockNow() >= stopAt) {
          for (let slot = 0; slot < pipeline.eventsPerWrite; slot++) gate.release();
          return;
        }
        for (const id of await pipeline.write()) clock.onCommitted(id);
      }
    };
    const cpuAtWindowStart = sleep(WARMUP_MS).then(() => ({ handled: clock.handled, cpu: sampleCpu(settings.databaseUrl, consumer.pid, pipeline.postgresParts) }));
    await Promise.all(Array.from({ length: pipeline.writers }, writer));
    const start = await cpuAtWindowStart;
    const [before, after] = await Promise.all([start.cpu, sampleCpu(settings.databaseUrl, consumer.pid, pipeline.postgresParts)]);
    const cpu = cpuPerUnit(before, after, clock.handled - start.handled);
    const drainDeadline = sharedClockNow() + DRAIN_TIMEOUT_MS;
    while (clock.handled < clock.committed && sharedClockNow() < drainDeadline) await sleep(20);
    return { clock, cpu };
  } finally {
    await consumer.stop();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

log(`isolation ${ns.id}: schemas ${settings.accountsSchema}, ${settings.basesSchema}, ${minimalSchema}; stream ${ns.stream}`);
for (const [service, schema] of [['accounts', settings.accountsSchema], ['bases', settings.basesSchema]] as const) {
  await applyMigrations({ connectionString: settings.databaseUrl, schema, migrationsDir: servicePrismaLayout(servicesDir, service).migrationsDir });
}
const bus = connectBus({ servers: settings.natsUrl, name: 'bench-event-pipeline', subjectPrefix: ns.subjectPrefix });
const nc = await bus.ready();
await ensureStream(bus, { name: ns.stream });
await ensureStream(bus, { name: rawStream, subjects: ['raw.>'] });
await ensureStream(bus, { name: minimalStream, subjects: ['minimal.>'] });
const accounts = new AccountsSide(bus, settings, logger);
const minimalPool = new pg.Pool({
  connectionString: settings.databaseUrl,
  max: 4,
  application_name: MINIMAL_PRODUCER_APP,
  options: `-c search_path=${minimalSchema}`,
});

try {
  const schools = await SchoolAccounts.create();
  const payload = new TextEncoder().encode(JSON.stringify(schools.opening().event.envelope));
  const raw = { stream: rawStream, subject: bus.subject('raw.bench'), payload, durationMs: RAW_MS, inFlight: RAW_IN_FLIGHT };
  const cpuBeforeRaw = await sampleCpu(settings.databaseUrl, undefined, {});
  const rawBefore = await rawJetStreamPublishRate(nc, raw);
  log(`raw JetStream publish (${RAW_IN_FLIGHT} in flight), before: ${Math.round(rawBefore)} msg/s`);
  // What the baseline costs, to compare with the pipeline's CPU per event (the ratio a CPU-bound machine allows).
  log(`CPU per raw message: ${cpuPerUnit(cpuBeforeRaw, await sampleCpu(settings.databaseUrl, undefined, {}), (rawBefore * RAW_MS) / 1000)}`);

  const project = await runPipeline({
    consumer: {
      entry: resolve(import.meta.dirname, 'support/pipeline/bases-consumer.process.ts'),
      args: { settings, durable: 'bench-tenants', concurrency: CONSUMER_CONCURRENCY } satisfies BasesConsumerArgs,
      nodeArgs: benchEnv.consumerNodeArgs,
    },
    postgresParts: PROJECT_POSTGRES_PARTS,
    startRelay: () => accounts.relay.start(),
    writers: WRITERS,
    eventsPerWrite: 1,
    maxInFlight: MAX_IN_FLIGHT,
    write: async () => {
      const opening = schools.opening();
      await accounts.open(opening);
      return [opening.event.id];
    },
    measureMs: MEASURE_MS,
  });
  const { clock } = project;
  const eventsPerSecond = perSecond(clock.throughputCount, MEASURE_MS);
  log(`CPU per event handled in the measure window: ${project.cpu}`);
  log(`pipeline: ${clock.committed} committed, ${clock.handled} handled once, ${clock.duplicates} duplicate deliveries`);

  await minimalPool.query(minimalSchemaSql(minimalSchema));
  await (await nc.jetstreamManager()).consumers.add(minimalStream, { durable_name: 'bench-minimal', ack_policy: AckPolicy.Explicit });
  const minimal = new MinimalProducer(minimalPool, nc, bus.subject('minimal.event'));
  const template = schools.opening().event.envelope;
  const floor = await runPipeline({
    consumer: {
      entry: resolve(import.meta.dirname, 'support/pipeline/minimal-consumer.process.ts'),
      args: { databaseUrl: settings.databaseUrl, natsUrl: settings.natsUrl, schema: minimalSchema, stream: minimalStream, durable: 'bench-minimal' } satisfies MinimalConsumerArgs,
      nodeArgs: [],
    },
    postgresParts: MINIMAL_POSTGRES_PARTS,
    startRelay: () => minimal.startRelay(),
    writers: 4,
    eventsPerWrite: WRITE_BATCH,
    maxInFlight: FLOOR_MAX_IN_FLIGHT,
    write: async () => {
      const events = Array.from({ length: WRITE_BATCH }, () => minimalEvent(template));
      await minimal.commit(events);
      return events.map(({ id }) => id);
    },
    measureMs: FLOOR_MEASURE_MS,
  }).finally(() => minimal.stop());
  const floorPerSecond = perSecond(floor.clock.throughputCount, FLOOR_MEASURE_MS);
  log(`floor, minimal pipeline (${WRITE_BATCH} events a commit, one relay, nothing but pg and nats.js): ${Math.round(floorPerSecond)} events/s, p99 ${floor.clock.latencies.percentile(99).toFixed(1)} ms`);
  log(`floor: CPU per event handled: ${floor.cpu}`);

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
      { label: 'floor (minimal pipeline) ratio', value: floorPerSecond / baseline, unit: '×' },
    ],
    targets: [
      { label: '≥ 0.3× raw', met: ratio >= 0.3 },
      { label: 'p99 < 50 ms', met: p99 < 50 },
      { label: 'every committed event handled exactly once', met: clock.handled === clock.committed && clock.duplicates === 0 },
      { label: 'floor: every committed event handled exactly once', met: floor.clock.handled === floor.clock.committed && floor.clock.duplicates === 0 },
    ],
  });
} finally {
  await accounts.close();
  await minimalPool.end();
  const jsm = await nc.jetstreamManager();
  for (const stream of [ns.stream, rawStream, minimalStream]) await jsm.streams.delete(stream).catch(() => undefined);
  await bus.close();
  await dropSchemas([settings.accountsSchema, settings.basesSchema, minimalSchema], settings.databaseUrl);
}
