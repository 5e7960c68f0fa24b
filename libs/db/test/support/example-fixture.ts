import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const testDir = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLE_PRISMA_DIR = join(testDir, 'fixtures', 'example', 'prisma');
export const EXAMPLE_MIGRATIONS_DIR = join(EXAMPLE_PRISMA_DIR, 'migrations');
const PRISMA_CLI = join(testDir, '..', '..', '..', 'node_modules', 'prisma', 'build', 'index.js');
export const EXAMPLE_MIGRATION_NAMES = ['20261129021239_init', '20261129021246_add_published_year'];

/** A writable copy of the example `prisma/` folder, for tests that edit the schema or migrations. */
export async function copyExamplePrismaDir(): Promise<{ prismaDir: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'pronote-db-'));
  const prismaDir = join(root, 'prisma');
  await cp(EXAMPLE_PRISMA_DIR, prismaDir, { recursive: true });
  return { prismaDir, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * Generates the example's Prisma client under `test/.generated/` (git-ignored; inside the
 * repository so that the client resolves `@prisma/client` from the workspace's node_modules) and
 * returns the path of its `client.ts`.
 */
export async function generateExampleClient(): Promise<{ clientModule: string; remove: () => Promise<void> }> {
  const generatedRoot = join(testDir, '.generated');
  await mkdir(generatedRoot, { recursive: true });
  const root = await mkdtemp(join(generatedRoot, 'example-'));
  await cp(EXAMPLE_PRISMA_DIR, join(root, 'prisma'), { recursive: true });
  await promisify(execFile)(
    process.execPath,
    [PRISMA_CLI, 'generate', '--schema', join(root, 'prisma', 'schema.prisma')],
    // The CLI would try to download the native schema engine, which `generate` does not use.
    { env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1' } },
  );
  return {
    clientModule: join(root, 'src', 'generated', 'prisma', 'client.ts'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
