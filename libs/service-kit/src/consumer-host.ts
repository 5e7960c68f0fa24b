import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  applyDecorators,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { type Bus, type ConsumerHandle, type ConsumerOptions, startConsumer } from '@pronote/bus';
import type { Logger } from '@pronote/observability';
import { BUS, CONSUMER_SETTINGS, type ConsumerSettings, STREAM_NAME, StreamReadiness } from './messaging.module.js';
import { LOGGER } from './tokens.js';

/** What a feature says about one durable consumer; stream, logger and settings come from the service. */
export type ConsumerDefinition = Omit<ConsumerOptions, 'stream' | 'logger'>;

/** A NATS adapter that consumes integration events. */
export interface ConsumerProvider {
  consumer(): ConsumerDefinition;
}

const eventConsumerMarker = DiscoveryService.createDecorator();

/** Marks a provider whose `consumer()` the service starts on its stream with its consumer settings. */
export function EventConsumer(): ClassDecorator {
  return applyDecorators(eventConsumerMarker(), Injectable());
}

/**
 * Starts every `@EventConsumer()` of the service once the application is up and its stream exists (a
 * consumer created before would fail with "stream not found" and retry), and stops them on shutdown,
 * finishing the message in hand.
 */
@Injectable()
export class ConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private handles: ConsumerHandle[] = [];
  private stopping = false;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(CONSUMER_SETTINGS) private readonly settings: ConsumerSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly streamReadiness: StreamReadiness,
  ) {}

  onApplicationBootstrap(): void {
    void this.streamReadiness.ready.then(() => {
      if (!this.stopping) this.startAll();
    });
  }

  private startAll(): void {
    this.handles = this.discovery
      .getProviders({ metadataKey: eventConsumerMarker.KEY })
      .map((wrapper) => (wrapper.instance as ConsumerProvider).consumer())
      .map((definition) =>
        startConsumer(this.bus, {
          stream: this.stream,
          ...this.settings,
          logger: this.logger.child({ consumer: definition.durable }),
          ...definition,
        }),
      );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.handles.map((handle) => handle.stop()));
  }
}

@Module({ imports: [DiscoveryModule], providers: [ConsumerHost] })
export class ConsumerHostModule {}
