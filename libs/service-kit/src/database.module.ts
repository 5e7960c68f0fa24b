import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { PrismaPg } from '@prisma/adapter-pg';
import { createPrismaAdapter } from '@pronote/db';
import { HealthRegistry, type Logger } from '@pronote/observability';
import pg from 'pg';
import { LOGGER } from './tokens.js';

/** The service's generated Prisma client (each service has its own type). */
export const PRISMA = Symbol('PRISMA');
/** A small `pg` pool on the same schema, for raw SQL: the outbox relay, hot batched reads, maintenance queries. */
export const PG_POOL = Symbol('PG_POOL');
export const DATABASE_SCHEMA = Symbol('DATABASE_SCHEMA');

export interface PrismaClientLike {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface DatabaseOptions<C extends PrismaClientLike> {
  service: string;
  url: string;
  schema: string;
  poolMax: number;
  createClient: (adapter: PrismaPg) => C;
}

@Global()
@Module({})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClientLike,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot<C extends PrismaClientLike>(options: DatabaseOptions<C>): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_SCHEMA, useValue: options.schema },
        {
          provide: PRISMA,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            options.createClient(
              createPrismaAdapter({
                connectionString: options.url,
                schema: options.schema,
                poolMax: options.poolMax,
                applicationName: options.service,
                onPoolError: (error) => logger.warn({ err: error }, 'postgres connection lost'),
              }),
            ),
        },
        {
          provide: PG_POOL,
          inject: [LOGGER],
          useFactory: (logger: Logger) => {
            const pool = new pg.Pool({
              connectionString: options.url,
              max: 4,
              connectionTimeoutMillis: 5000,
              application_name: `${options.service}-raw-sql`,
              options: `-c search_path=${options.schema}`,
            });
            pool.on('error', (error) => logger.warn({ err: error }, 'postgres raw SQL connection lost'));
            return pool;
          },
        },
      ],
      exports: [PRISMA, PG_POOL, DATABASE_SCHEMA],
    };
  }

  onModuleInit(): void {
    this.health.register({
      name: 'postgres',
      check: async () => {
        await this.prisma.$queryRawUnsafe('SELECT 1');
        return true;
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
    await this.pool.end();
  }
}
