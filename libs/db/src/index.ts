export { createPrismaAdapter, DEFAULT_POOL_SETTINGS, type PrismaAdapterOptions } from './prisma-adapter.js';
export { isNotFound, isUniqueViolation, uniqueViolationConstraint } from './prisma-errors.js';
export { assertValidSchemaName } from './schema-name.js';
export { ensureDatabaseExists } from './database.js';
export { findServicesWithPrisma, servicePrismaLayout, type ServicePrismaLayout } from './service-layout.js';
export {
  applyMigrations,
  MigrationHistoryError,
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
} from './migrations/apply-migrations.js';
export {
  createMigration,
  type CreatedMigration,
  type CreateMigrationOptions,
} from './migrations/create-migration.js';
