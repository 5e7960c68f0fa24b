/**
 * The hosted runtime as the benchmarks need it: the real runtime protocol (contracts, NATS
 * request/reply per school) answered by this process, base content held in memory.
 *
 * What it does, per order, is the runtime's unavoidable work: `snapshot` writes the held bytes to
 * the target key (streamed, sha256 computed on the way, as runtime-sim does); `restore` streams the source,
 * checks its size and sha256, keeps the bytes and copies that version server-side to the base's content
 * key (as runtime-sim does: `bases` records that object, the next start reads it). Why
 * not runtime-sim itself: it keeps every school's content in Postgres (`bytea`), i.e. 4.4 GB for
 * 10,000 bases of 436 KB, on a machine shared with other sessions.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type Bus, type CommandServer, serveCommand } from '@pronote/bus';
import {
  BASE_STATISTIC_KEYS,
  type BaseStatisticsView,
  DomainError,
  RecordRestoredContent,
  RuntimeErrorCode,
  RuntimeRestore,
  RuntimeSnapshot,
  RuntimeStats,
  StopBaseForRestore,
} from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import type { ObjectStore } from '@pronote/storage';

export interface HeldBase {
  baseId: string;
  state: 'stopped' | 'in_service';
  content: Buffer;
  lastEntryAt: string;
}

const CREATED_AT = '2022-08-25T08:00:00.000Z';
const STATISTICS = Object.fromEntries(BASE_STATISTIC_KEYS.map((key, index) => [key, 100 + index])) as BaseStatisticsView;

export class BenchRuntime {
  readonly bases = new Map<string, HeldBase>();
  /** Time spent inside `restore` orders (read + verify + copy), for the restore benchmark's breakdown. */
  restoreMs = 0;
  private servers: CommandServer[] = [];

  constructor(
    private readonly bus: Bus,
    private readonly store: ObjectStore,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const options = { queue: 'bench-runtime', logger: this.logger };
    this.servers = await Promise.all([
      serveCommand(this.bus, RuntimeSnapshot, async ({ uai, targetKey }) => {
        const base = this.held(uai);
        const object = await this.write(targetKey, base.content);
        return { object, statistics: STATISTICS, createdAt: CREATED_AT, lastEntryAt: base.lastEntryAt };
      }, options),
      serveCommand(this.bus, RuntimeStats, async ({ uai }) => this.status(uai), options),
      serveCommand(this.bus, RuntimeRestore, async ({ uai, baseId, source, contentKey }) => {
        const base = this.held(uai);
        if (base.state !== 'stopped') throw new DomainError(RuntimeErrorCode.RUNTIME_NOT_STOPPED, 'stop the base first');
        const started = performance.now();
        // As runtime-sim's ContentRestore: the version seen, one verified read, a server-side copy of that version.
        const version = await this.store.describe(source.key);
        if (version === null) throw new DomainError(RuntimeErrorCode.RUNTIME_CONTENT_NOT_FOUND, `no object ${source.key}`);
        const content = await this.readVerified(source.key, source.size, source.sha256);
        await this.store.copy(source.key, contentKey, version);
        const written = { key: contentKey, size: source.size, sha256: source.sha256 };
        this.restoreMs += performance.now() - started;
        this.bases.set(uai, { ...base, baseId, content });
        return { status: this.status(uai), content: written };
      }, options),
      // Stands in for `bases`, which records the new content object (one Postgres transaction there).
      serveCommand(this.bus, RecordRestoredContent, async ({ baseId, content }) => ({ baseId, state: 'stopped' as const, content }), options),
      serveCommand(this.bus, StopBaseForRestore, async ({ uai, baseId }) => {
        this.held(uai).state = 'stopped';
        return { baseId, state: 'stopped' as const };
      }, options),
    ]);
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
  }

  /** As runtime-sim writes: streamed, so that a base beyond one part is an explicit multipart upload. */
  private async write(key: string, bytes: Buffer) {
    const stored = await this.store.putStream(key, Readable.from([bytes]), { contentType: 'application/octet-stream' });
    return { key: stored.key, size: stored.size, sha256: stored.sha256 };
  }

  private async readVerified(key: string, size: number, sha256: string): Promise<Buffer> {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let read = 0;
    for await (const chunk of (await this.store.getStream(key)) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      chunks.push(chunk);
      read += chunk.length;
    }
    if (read !== size || hash.digest('hex') !== sha256) throw new DomainError(RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH, `${key} differs`);
    return Buffer.concat(chunks, read);
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
