import { createHash, randomUUID } from 'node:crypto';
import { type Bus, type CommandServer, serveCommand } from '@pronote/bus';
import {
  type BaseStatisticsView,
  BASE_STATISTIC_KEYS,
  DomainError,
  RecordRestoredContent,
  type RequestOf,
  RuntimeErrorCode,
  RuntimeRestore,
  RuntimeRestorePrepare,
  RuntimeSnapshot,
  RuntimeStats,
  StopBaseForRestore,
  type StoredObject,
} from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { type ObjectStore, StorageError, StorageErrorCode } from '@pronote/storage';

/** What the double keeps per school; the base content is JSON (statistics + last entry) plus padding. */
export interface SimulatedBase {
  baseId: string;
  state: 'stopped' | 'in_service';
  content: Buffer;
  createdAt: string;
}

export interface BaseContent {
  statistics: BaseStatisticsView;
  lastEntryAt: string | null;
  marker: string;
}

export function statistics(seed: number): BaseStatisticsView {
  return Object.fromEntries(BASE_STATISTIC_KEYS.map((key, index) => [key, seed + index])) as BaseStatisticsView;
}

export function encodeBase(content: BaseContent, paddingBytes = 0): Buffer {
  const json = Buffer.from(JSON.stringify(content));
  return Buffer.concat([Buffer.from(`${json.length}\n`), json, Buffer.alloc(paddingBytes, 0x2e)]);
}

export function decodeBase(bytes: Buffer): BaseContent {
  const newline = bytes.indexOf(0x0a);
  const length = Number(bytes.subarray(0, newline).toString());
  return JSON.parse(bytes.subarray(newline + 1, newline + 1 + length).toString()) as BaseContent;
}

/**
 * A stand-in for the proprietary hosted runtime (and for the bases service's stop-for-restore), speaking
 * the real protocol over real NATS and writing real S3 objects. Only the runtime is simulated.
 */
export class RuntimeDouble {
  readonly bases = new Map<string, SimulatedBase>();
  /** Makes snapshots report statistics other than the content they write (a drill must catch it). */
  lieAboutStatistics = false;
  /** Delays the snapshot reply after the object is written (to kill a worker mid-job). */
  snapshotDelayMs = 0;
  /** Snapshots whose object is written. */
  snapshots = 0;
  /** What the bases side was told after each restore (the replaced content object). */
  readonly restoredContents: RequestOf<typeof RecordRestoredContent>[] = [];
  /** Restore preparations held (verified bytes and staging object), by preparation id. */
  readonly preparations = new Map<string, { uai: string; baseId: string; bytes: Buffer; content: StoredObject }>();
  /** Answers preparations but keeps none, as a runtime restarted before the `restore` order. */
  losePreparations = false;
  private servers: CommandServer[] = [];

  constructor(
    private readonly bus: Bus,
    private readonly store: ObjectStore,
    private readonly logger: Logger,
  ) {}

  load(uai: string, base: SimulatedBase): void {
    this.bases.set(uai, base);
  }

  content(uai: string): BaseContent {
    return decodeBase(this.must(uai).content);
  }

  async start(): Promise<void> {
    const options = { queue: 'runtime-double', logger: this.logger };
    this.servers = await Promise.all([
      serveCommand(this.bus, RuntimeSnapshot, async ({ uai, targetKey }) => {
        const base = this.must(uai);
        const stored = await this.store.putBuffer(targetKey, base.content);
        this.snapshots += 1; // counted once written: a test that kills the worker mid-snapshot waits for the object
        if (this.snapshotDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.snapshotDelayMs));
        const content = decodeBase(base.content);
        const reported = this.lieAboutStatistics ? { ...content.statistics, eleves: content.statistics.eleves + 1 } : content.statistics;
        return { object: stored, statistics: reported, createdAt: base.createdAt, lastEntryAt: content.lastEntryAt };
      }, options),
      serveCommand(this.bus, RuntimeStats, async ({ uai }) => this.status(uai), options),
      serveCommand(this.bus, RuntimeRestorePrepare, async ({ uai, baseId, source, stagingKey }) => {
        const bytes = await readAll(this.store, source.key).catch((error: unknown) => {
          if (error instanceof StorageError && error.code === StorageErrorCode.OBJECT_NOT_FOUND) {
            throw new DomainError(RuntimeErrorCode.RUNTIME_CONTENT_NOT_FOUND, `no object ${source.key}`);
          }
          throw error;
        });
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        if (bytes.length !== source.size || sha256 !== source.sha256) {
          throw new DomainError(RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH, 'source differs', { found: { size: bytes.length, sha256 } });
        }
        const content = await this.store.putBuffer(stagingKey, bytes);
        const preparationId = randomUUID();
        if (!this.losePreparations) this.preparations.set(preparationId, { uai, baseId, bytes, content });
        return { preparationId, content, expiresAt: new Date(Date.now() + 60_000).toISOString() };
      }, options),
      serveCommand(this.bus, RuntimeRestore, async ({ uai, baseId, preparationId }) => {
        const base = this.bases.get(uai) ?? { baseId, state: 'stopped' as const, content: Buffer.alloc(0), createdAt: new Date().toISOString() };
        if (base.state !== 'stopped') throw new DomainError(RuntimeErrorCode.RUNTIME_NOT_STOPPED, 'stop the base first');
        const prepared = this.preparations.get(preparationId);
        if (!prepared || prepared.uai !== uai || prepared.baseId !== baseId) throw new DomainError(RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED, 'prepare again');
        this.preparations.delete(preparationId);
        this.bases.set(uai, { ...base, baseId, content: prepared.bytes });
        return { status: this.status(uai), content: prepared.content };
      }, options),
      serveCommand(this.bus, StopBaseForRestore, async ({ uai, baseId }) => {
        this.must(uai).state = 'stopped';
        return { baseId, state: 'stopped' as const };
      }, options),
      serveCommand(this.bus, RecordRestoredContent, async (request) => {
        this.restoredContents.push(request);
        return { baseId: request.baseId, state: 'stopped' as const, content: request.content };
      }, options),
    ]);
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
  }

  private status(uai: string) {
    const base = this.must(uai);
    const content = decodeBase(base.content);
    return {
      uai,
      baseId: base.baseId,
      state: base.state,
      createdAt: base.createdAt,
      lastEntryAt: content.lastEntryAt,
      statistics: content.statistics,
      connections: 0,
    };
  }

  private must(uai: string): SimulatedBase {
    const base = this.bases.get(uai);
    if (!base) throw new DomainError(RuntimeErrorCode.RUNTIME_BASE_NOT_LOADED, `no base loaded for ${uai}`);
    return base;
  }
}

export async function readAll(store: ObjectStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.getStream(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
