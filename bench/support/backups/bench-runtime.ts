/**
 * The hosted runtime as the benchmarks need it: the real runtime protocol (contracts, NATS
 * request/reply per school) answered by this process, base content held in memory.
 *
 * What it does, per order, is the runtime's unavoidable work: `snapshot` writes the held bytes to
 * the target key with runtime-sim's own `ContentObjects.write` (sha256 computed, one PUT the store
 * checks against it, an explicit multipart upload beyond one part) — or, for a base in S3 only, copies
 * its object there as runtime-sim does; `restore_prepare` is runtime-sim's own `ContentRestore.stage`
 * (the source read once as it streams, size + sha256 checked, nothing kept, while S3 copies that
 * version to the staging key); `restore` holds the staged object as the stopped base, as runtime-sim
 * does (its own reader also checks the .HNOT format as the bytes stream; these are random bytes). It
 * also stands in for `bases` (stop for restore; the content pointer recorded, the replaced object
 * removed after the answer, as bases does). Why not runtime-sim itself: it keeps every school's
 * content in Postgres (`bytea`), i.e. 4.4 GB for 10,000 bases of 436 KB, on a machine shared with
 * other sessions.
 */
import { randomUUID } from 'node:crypto';
import { type Bus, type CommandServer, serveCommand } from '@pronote/bus';
import {
  BASE_STATISTIC_KEYS,
  type BaseStatisticsView,
  DomainError,
  isBaseContentKey,
  RecordRestoredContent,
  RuntimeErrorCode,
  RuntimeRestore,
  RuntimeRestorePrepare,
  RuntimeSnapshot,
  RuntimeStats,
  StopBaseForRestore,
  type StoredObject,
} from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import type { ObjectStore } from '@pronote/storage';
import { ContentRestore } from '../../../services/runtime-sim/src/runtime/content-restore.js';
import { ContentObjects } from '../../../services/runtime-sim/src/storage/content-objects.js';

export interface HeldBase {
  baseId: string;
  state: 'stopped' | 'in_service';
  /** Loaded bytes, or (a restored base) its object in S3 only. */
  content: { bytes: Buffer } | { object: StoredObject };
  lastEntryAt: string;
}

/** Reads through, keeping nothing: the verified read's size and sha256 are the check. */
const DISCARDING_SINK = { write: () => undefined, end: () => undefined };

const CREATED_AT = '2022-08-25T08:00:00.000Z';
const STATISTICS = Object.fromEntries(BASE_STATISTIC_KEYS.map((key, index) => [key, 100 + index])) as BaseStatisticsView;

export class BenchRuntime {
  readonly bases = new Map<string, HeldBase>();
  /** Time spent inside `restore_prepare` orders (read + verify || staging copy), for the restore benchmark's breakdown. */
  prepareMs = 0;
  /** The content object recorded per base, as `bases` keeps it. */
  readonly contents = new Map<string, StoredObject>();
  private readonly preparations = new Map<string, { uai: string; baseId: string; content: StoredObject }>();
  /** runtime-sim's own object writes: a snapshot is written exactly as the runtime writes it. */
  private readonly contentObjects: ContentObjects;
  private readonly contentRestore: ContentRestore;
  private readonly removals = new Set<Promise<void>>();
  private servers: CommandServer[] = [];

  constructor(
    private readonly bus: Bus,
    private readonly store: ObjectStore,
    private readonly logger: Logger,
  ) {
    this.contentObjects = new ContentObjects(store);
    this.contentRestore = new ContentRestore(this.contentObjects, store);
  }

  async start(): Promise<void> {
    const options = { queue: 'bench-runtime', logger: this.logger };
    this.servers = await Promise.all([
      serveCommand(this.bus, RuntimeSnapshot, async ({ uai, targetKey }) => {
        const base = this.held(uai);
        const object = 'bytes' in base.content ? await this.contentObjects.write(targetKey, base.content.bytes) : await this.contentObjects.copy(base.content.object, targetKey);
        return { object, statistics: STATISTICS, createdAt: CREATED_AT, lastEntryAt: base.lastEntryAt };
      }, options),
      serveCommand(this.bus, RuntimeStats, async ({ uai }) => this.status(uai), options),
      serveCommand(this.bus, RuntimeRestorePrepare, async ({ uai, baseId, source, stagingKey }) => {
        const started = performance.now();
        const { content } = await this.contentRestore.stage(source, stagingKey, DISCARDING_SINK);
        this.prepareMs += performance.now() - started;
        const preparationId = randomUUID();
        this.preparations.set(preparationId, { uai, baseId, content });
        return { preparationId, content, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() };
      }, options),
      serveCommand(this.bus, RuntimeRestore, async ({ uai, baseId, preparationId }) => {
        const base = this.held(uai);
        if (base.state !== 'stopped') throw new DomainError(RuntimeErrorCode.RUNTIME_NOT_STOPPED, 'stop the base first');
        const prepared = this.preparations.get(preparationId);
        if (prepared?.uai !== uai || prepared.baseId !== baseId) throw new DomainError(RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED, 'prepare again');
        this.preparations.delete(preparationId);
        this.bases.set(uai, { ...base, baseId, content: { object: prepared.content } });
        return { status: this.status(uai), content: prepared.content };
      }, options),
      // Stands in for `bases`: the pointer recorded (one Postgres transaction there), the replaced object removed after the answer.
      serveCommand(this.bus, RecordRestoredContent, async ({ uai, baseId, content }) => {
        const replaced = this.contents.get(baseId);
        this.contents.set(baseId, content);
        if (replaced && replaced.key !== content.key && isBaseContentKey(uai, baseId, replaced.key)) this.removeAfterAnswer(replaced.key);
        return { baseId, state: 'stopped' as const, content };
      }, options),
      serveCommand(this.bus, StopBaseForRestore, async ({ uai, baseId }) => {
        this.held(uai).state = 'stopped';
        return { baseId, state: 'stopped' as const };
      }, options),
    ]);
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
    await Promise.all(this.removals);
  }

  private removeAfterAnswer(key: string): void {
    const removal = this.store
      .remove(key)
      .catch((error: unknown) => this.logger.warn({ err: error, key }, 'replaced base content not removed'))
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }

  private status(uai: string) {
    const base = this.held(uai);
    return { uai, baseId: base.baseId, state: base.state, createdAt: CREATED_AT, lastEntryAt: base.lastEntryAt, statistics: STATISTICS, connections: 0 };
  }

  private held(uai: string): HeldBase {
    const base = this.bases.get(uai);
    if (!base) throw new DomainError(RuntimeErrorCode.RUNTIME_BASE_NOT_LOADED, `no base loaded for ${uai}`);
    return base;
  }
}
