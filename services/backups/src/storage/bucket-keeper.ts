import type { Logger } from '@pronote/observability';
import type { ObjectStore } from '@pronote/storage';

export interface BucketKeeperOptions {
  firstRetryMs?: number;
  maxRetryMs?: number;
}

/**
 * S3 may be unreachable when the service starts: the service still starts (readiness says `s3: down`)
 * and the bucket is ensured in the background, with backoff, as soon as S3 answers.
 */
export class BucketKeeper {
  private ensured = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly probe: ObjectStore,
    private readonly logger: Logger,
    private readonly options: BucketKeeperOptions = {},
  ) {}

  get bucketEnsured(): boolean {
    return this.ensured;
  }

  start(): void {
    this.running = this.attempt(this.options.firstRetryMs ?? 500);
  }

  /** Readiness: S3 answers now (and the bucket exists, created if it was missing). */
  async reachable(): Promise<boolean> {
    try {
      await this.probe.ensureBucket();
      this.ensured = true;
      return true;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async attempt(delayMs: number): Promise<void> {
    if (this.stopped) return;
    if (await this.reachable()) {
      this.logger.info('S3 reachable, bucket ensured');
      return;
    }
    const next = Math.min(delayMs * 2, this.options.maxRetryMs ?? 30_000);
    this.logger.warn({ retryInMs: delayMs }, 'S3 unreachable: bucket not ensured yet, the service stays not ready for S3');
    await new Promise<void>((resolve) => {
      this.timer = setTimeout(resolve, delayMs);
    });
    return this.attempt(next);
  }
}
