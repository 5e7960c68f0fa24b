import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type Bus, connectBus, isEventOf, startConsumer } from '@pronote/bus';
import { AccountCreated } from '@pronote/contracts';
import { applyMigrations, servicePrismaLayout } from '@pronote/db';
import { createLogger } from '@pronote/observability';
import { NatsServerProcess, TEST_DATABASE_URL, dropSchemas, isolation, waitFor } from '@pronote/testing';
import pg from 'pg';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { AppModule } from '../src/app.module.js';
import { loadAccountsConfig } from '../src/config/accounts.config.js';

/**
 * Transactional outbox (issue #2): accounts created while NATS is down are committed with their
 * event row, and published exactly once when NATS comes back, without restarting the service.
 */
describe('accounts outbox across a NATS outage', () => {
  const iso = isolation();
  const schema = `${iso.schemaPrefix}_accounts`;
  let nats: NatsServerProcess;
  let app: INestApplication;
  let observer: Bus;
  const db = new pg.Client({ connectionString: TEST_DATABASE_URL });

  beforeAll(async () => {
    nats = await NatsServerProcess.create();
    await applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir: servicePrismaLayout('services', 'accounts').migrationsDir });
    await db.connect();
    const config = loadAccountsConfig({
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      NATS_URL: nats.url,
      NATS_SUBJECT_PREFIX: iso.subjectPrefix,
      NATS_STREAM: iso.stream,
      HTTP_PORT: '0',
      CA_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    const logger = createLogger({ service: 'accounts', level: 'error' });
    // NATS is not running yet: the service must still start, and report not ready.
    app = await NestFactory.create(AppModule.register(config, logger), new FastifyAdapter(), { logger: false });
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await observer?.close();
    await nats?.dispose();
    await db.end();
    await dropSchemas([schema]);
  }, 30_000);

  it('commits accounts while NATS is down and publishes each event once when it returns', async () => {
    const accounts = app.get(AccountsService);
    const created = await Promise.all(
      ['0750654D', '0750653C', '0750655E'].map((uai, i) =>
        accounts.create({ uai, schoolName: `Collège ${i}`, contactEmail: `c${i}@ecole.example`, contactPhone: '+33612345678', licences: 4 }),
      ),
    );
    const pending = await db.query(`SELECT count(*) FROM "${schema}"."OutboxEvent" WHERE "publishedAt" IS NULL AND subject = 'hosting.account.created.v1'`);
    expect(pending.rows[0].count).toBe('3');

    await nats.start();
    observer = connectBus({ servers: nats.url, name: 'observer', subjectPrefix: iso.subjectPrefix });
    const received: string[] = [];
    const consumer = startConsumer(observer, {
      stream: iso.stream,
      durable: 'outage-observer',
      contracts: [AccountCreated],
      logger: createLogger({ service: 'test', level: 'error' }),
      handler: async (event) => {
        if (isEventOf(event, AccountCreated)) received.push(event.envelope.payload.accountId);
      },
    });
    try {
      await waitFor(() => received.length >= 3 || undefined, { timeoutMs: 20_000, what: 'the three events' });
      await new Promise((r) => setTimeout(r, 1000)); // a duplicate would arrive within this second
      expect(received.sort()).toEqual(created.map((a) => a.id).sort());
      const published = await db.query(`SELECT count(*) FROM "${schema}"."OutboxEvent" WHERE "publishedAt" IS NOT NULL AND subject = 'hosting.account.created.v1'`);
      expect(published.rows[0].count).toBe('3');
    } finally {
      await consumer.stop();
    }
  }, 60_000);
});
