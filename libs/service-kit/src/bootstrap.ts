import 'reflect-metadata';
import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { ConfigError } from '@pronote/config';
import { createLogger, createMetricsRegistry, type Logger } from '@pronote/observability';
import { installCorrelation } from './correlation-hook.js';
import { NestPinoLogger } from './nest-logger.js';

export interface StartOptions {
  service: string;
  module: Type<unknown> | DynamicModule;
  logger: Logger;
  host: string;
  port: number;
  fastify?: FastifyServerOptions;
  /** Called once the app is built and before it listens (routes prefix, OpenAPI, error filters...). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/** Builds, starts and returns a service; shutdown hooks close it gracefully on SIGTERM/SIGINT. */
export async function startService(options: StartOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, ...options.fastify });
  createMetricsRegistry(options.service);
  installCorrelation(adapter.getInstance(), options.logger.child({ component: 'http' }));
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: new NestPinoLogger(options.logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  // process.exit() after the hooks (not a re-raised signal) fires 'exit', which flushes the buffered logs.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  await options.configure?.(app);
  await app.listen(options.port, options.host);
  options.logger.info({ event: `${options.service}.ready`, url: await app.getUrl() }, `${options.service} ready`);
  return app;
}

/**
 * The `main.ts` of every service: reports a bad configuration as one clear message and exit code 78
 * (EX_CONFIG), any other start failure with exit code 1.
 */
export async function runMain(start: () => Promise<INestApplication>): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}

export interface ServiceDefinition<Config extends { LOG_LEVEL: string; HTTP_HOST: string; HTTP_PORT: number }> {
  service: string;
  loadConfig: () => Config;
  module: (config: Config, logger: Logger) => DynamicModule;
  configure?: (app: NestFastifyApplication, config: Config) => void | Promise<void>;
  fastify?: (config: Config) => FastifyServerOptions;
}

/** The whole `main.ts` of a service: validated config, JSON logger, Nest app, graceful shutdown. */
export function runService<Config extends { LOG_LEVEL: string; HTTP_HOST: string; HTTP_PORT: number }>(
  definition: ServiceDefinition<Config>,
): Promise<void> {
  return runMain(async () => {
    const config = definition.loadConfig();
    const logger = createLogger({ service: definition.service, level: config.LOG_LEVEL });
    return startService({
      service: definition.service,
      module: definition.module(config, logger),
      logger,
      host: config.HTTP_HOST,
      port: config.HTTP_PORT,
      fastify: definition.fastify?.(config),
      configure: (app) => definition.configure?.(app, config),
    });
  });
}
