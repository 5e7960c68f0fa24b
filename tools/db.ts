// Database tooling for every service that has `services/<service>/prisma/schema.prisma`.
//   generate                 generate each service's Prisma client (offline)
//   migrate [service...]     create the database if missing, then apply pending migrations,
//                            each service into the Postgres schema named after it
//   diff <service> <name>    write a new migration from schema.prisma vs the committed migrations
// DATABASE_URL defaults to the local `pronote` database; SERVICES_DIR to ./services.
import { execFile } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  applyMigrations,
  createMigration,
  ensureDatabaseExists,
  findServicesWithPrisma,
  servicePrismaLayout,
  type ServicePrismaLayout,
} from '@pronote/db';

const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const servicesDir = process.env['SERVICES_DIR'] ?? join(rootDir, 'services');
const prismaCli = join(rootDir, 'node_modules', 'prisma', 'build', 'index.js');
const databaseUrl = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/pronote';

async function generateClients(): Promise<void> {
  const services = await findServicesWithPrisma(servicesDir);
  for (const { service, schemaFile } of services) {
    await promisify(execFile)(process.execPath, [prismaCli, 'generate', '--schema', schemaFile], {
      cwd: rootDir,
      // `generate` does not use the native schema engine, but the CLI would try to download it.
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
    console.log(`generated the Prisma client of ${service}`);
  }
  if (services.length === 0) console.log('no service has a prisma/schema.prisma');
}

async function migrate(onlyServices: string[]): Promise<void> {
  const all = await findServicesWithPrisma(servicesDir);
  const unknown = onlyServices.filter((service) => !all.some((layout) => layout.service === service));
  if (unknown.length > 0) throw new Error(`No services/<name>/prisma/schema.prisma for: ${unknown.join(', ')}`);
  const selected = onlyServices.length === 0 ? all : all.filter((layout) => onlyServices.includes(layout.service));
  const { created } = await ensureDatabaseExists(databaseUrl);
  if (created) console.log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  for (const layout of selected) await migrateService(layout);
}

async function migrateService({ service, defaultSchema, migrationsDir }: ServicePrismaLayout): Promise<void> {
  const { appliedMigrationNames } = await applyMigrations({
    connectionString: databaseUrl,
    schema: defaultSchema,
    migrationsDir,
  });
  const summary = appliedMigrationNames.length === 0 ? 'up to date' : `applied ${appliedMigrationNames.join(', ')}`;
  console.log(`${service} (schema ${defaultSchema}): ${summary}`);
}

async function diff(service: string | undefined, name: string | undefined): Promise<void> {
  if (!service || !name) throw new Error('usage: npm run db:diff -- <service> <migration_name>');
  const layout = servicePrismaLayout(servicesDir, service);
  await ensureDatabaseExists(databaseUrl);
  const created = await createMigration({
    connectionString: databaseUrl,
    schemaFile: layout.schemaFile,
    migrationsDir: layout.migrationsDir,
    name,
  });
  console.log(
    created
      ? `wrote ${relative(rootDir, created.migrationFile)}; review it, then run npm run db:migrate`
      : `${service}: schema.prisma matches the migrations, nothing to write`,
  );
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case 'generate':
      return generateClients();
    case 'migrate':
      return migrate(rest);
    case 'diff':
      return diff(rest[0], rest[1]);
    default:
      throw new Error('usage: tools/db.ts generate | migrate [service...] | diff <service> <name>');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
