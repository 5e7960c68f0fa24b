import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { type Bus, connectBus, ensureStream } from '@pronote/bus';
import { HealthRegistry, type Logger } from '@pronote/observability';
import { hostname } from 'node:os';
import { LOGGER } from './tokens.js';

export const BUS = Symbol('BUS');
export const STREAM_NAME = Symbol('STREAM_NAME');
/** Ack wait and max deliveries every durable consumer of the service uses (from configuration). */
export const CONSUMER_SETTINGS = Symbol('CONSUMER_SETTINGS');

/** Settles once the service's stream exists (created or updated by MessagingModule once NATS answers). */
@Injectable()
export class StreamReadiness {
  private markReady: () => void = () => undefined;
  private isReady = false;
  readonly ready: Promise<void> = new Promise((resolve) => {
    this.markReady = resolve;
  });

  get done(): boolean {
    return this.isReady;
  }

  resolve(): void {
    this.isReady = true;
    this.markReady();
  }
}

export interface ConsumerSettings {
  ackWaitMs: number;
  maxDeliver: number;
  concurrency: number;
}

export interface MessagingOptions {
  service: string;
  natsUrl: string;
  subjectPrefix: string;
  stream: string;
  consumer: ConsumerSettings;
}

/** The NATS connection of a service; the HOSTING stream is created or updated once NATS answers. */
@Global()
@Module({})
export class MessagingModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly health: HealthRegistry,
    private readonly streamReadiness: StreamReadiness,
  ) {}

  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: STREAM_NAME, useValue: options.stream },
        { provide: CONSUMER_SETTINGS, useValue: options.consumer },
        StreamReadiness,
        {
          provide: BUS,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            connectBus({
              servers: options.natsUrl.split(','),
              name: `${options.service}@${hostname()}:${process.pid}`,
              subjectPrefix: options.subjectPrefix || undefined,
              logger,
            }),
        },
      ],
      exports: [BUS, STREAM_NAME, CONSUMER_SETTINGS, StreamReadiness],
    };
  }

  onModuleInit(): void {
    this.health.register({ name: 'nats', check: () => this.bus.isConnected() && this.streamReadiness.done });
    // Not awaited: a service started while NATS is down reports not-ready and carries on.
    void this.prepareStream();
  }

  private async prepareStream(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.bus.ready();
        await ensureStream(this.bus, { name: this.stream });
        this.streamReadiness.resolve();
        return;
      } catch (error) {
        if (!this.bus.isConnected() && attempt > 1 && (await this.closed())) return;
        this.logger.warn({ err: error, attempt }, 'stream not ready yet');
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * attempt)));
      }
    }
  }

  private async closed(): Promise<boolean> {
    try {
      this.bus.connection();
      return false;
    } catch {
      return true;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
