import { type Bus, type CommandServer, serveCommand } from '@pronote/bus';
import { DomainError, RuntimeStart, RuntimeStats, RuntimeStop, RuntimeErrorCode, type RuntimeStatus, type StoredObject } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import type { ObjectStore } from '@pronote/storage';

/**
 * A runtime responder for the bases service's integration tests, on the real NATS: it verifies the
 * content it is asked to load (sha256 re-read from S3) and can be made slow or silent, which the
 * real runtime cannot be asked to be. End-to-end tests use runtime-sim itself.
 */
export class TestRuntime {
  private readonly held = new Map<string, RuntimeStatus & { content: StoredObject | null }>();
  private servers: CommandServer[] = [];
  private readonly silenced: Array<() => void> = [];
  /** Orders received, in order ("start 0750654D <baseId>"). */
  readonly orders: string[] = [];
  /** Delay before answering start/stop (ms); `silent` never answers. */
  delayMs = 0;
  silent = false;
  /** While set, start/stop orders wait for it, then are carried out (see `holdOrders`). */
  private holding: { released: Promise<void>; release: () => void } | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly store: ObjectStore,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const options = { queue: 'runtime', logger: this.logger };
    this.servers = await Promise.all([
      serveCommand(this.bus, RuntimeStart, async ({ uai, baseId, content }) => {
        await this.wait();
        this.orders.push(`start ${uai} ${baseId}`);
        const current = this.statusOf(uai);
        if (current.state === 'in_service') throw new DomainError(RuntimeErrorCode.RUNTIME_ALREADY_RUNNING, 'already running');
        const digest = await this.store.sha256Of(content.key);
        if (digest.sha256 !== content.sha256) throw new DomainError(RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH, 'checksum mismatch');
        const status = { ...current, baseId, state: 'in_service' as const, content };
        this.held.set(uai, status);
        return publicStatus(status);
      }, options),
      serveCommand(this.bus, RuntimeStop, async ({ uai, baseId, contentKey }) => {
        await this.wait();
        this.orders.push(`stop ${uai} ${baseId}`);
        const current = this.statusOf(uai);
        if (current.baseId !== baseId || current.state !== 'in_service') throw new DomainError(RuntimeErrorCode.RUNTIME_BASE_NOT_LOADED, 'not loaded');
        const content = { key: contentKey, ...(await this.store.sha256Of(contentKey)) };
        const status = { ...current, state: 'stopped' as const, content };
        this.held.set(uai, status);
        return { status: publicStatus(status), content };
      }, options),
      serveCommand(this.bus, RuntimeStats, async ({ uai }) => publicStatus(this.statusOf(uai)), options),
    ]);
  }

  /**
   * Start and stop orders wait until `releaseOrders()`, then are carried out: a runtime that answers
   * after its caller gave up, however long the caller waits (no delay racing the caller's timeout).
   */
  holdOrders(): void {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holding = { released, release };
  }

  releaseOrders(): void {
    this.holding?.release();
    this.holding = undefined;
  }

  async stop(): Promise<void> {
    this.releaseOrders();
    for (const release of this.silenced.splice(0)) release();
    await Promise.all(this.servers.map((server) => server.stop()));
  }

  private async wait(): Promise<void> {
    if (this.silent) {
      // Held until the test runtime stops; the caller timed out long before.
      await new Promise<void>((resolve) => this.silenced.push(resolve));
      throw new Error('silent runtime released');
    }
    if (this.holding) await this.holding.released;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
  }

  private statusOf(uai: string): RuntimeStatus & { content: StoredObject | null } {
    return (
      this.held.get(uai) ?? { uai, baseId: null, state: 'stopped', createdAt: null, lastEntryAt: null, statistics: null, connections: 0, content: null }
    );
  }
}

function publicStatus(status: RuntimeStatus & { content: StoredObject | null }): RuntimeStatus {
  const { content: _content, ...rest } = status;
  return { ...rest, statistics: rest.baseId ? zeroStatistics() : null };
}

function zeroStatistics(): NonNullable<RuntimeStatus['statistics']> {
  const keys = ['professeurs', 'classes', 'matieres', 'groupes', 'eleves', 'salles', 'devoirs', 'notes', 'cahiersDeTextes', 'docJoints',
    'appreciations', 'evaluations', 'orientations', 'sanctions', 'punitions', 'absences', 'retards', 'suivis'] as const;
  return Object.fromEntries(keys.map((key) => [key, 0])) as NonNullable<RuntimeStatus['statistics']>;
}
