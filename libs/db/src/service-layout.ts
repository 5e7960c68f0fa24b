import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a service keeps its Prisma schema and migrations, by convention. */
export interface ServicePrismaLayout {
  service: string;
  /** Postgres schema the service's tables live in by default: the service name, as an identifier. */
  defaultSchema: string;
  schemaFile: string;
  migrationsDir: string;
}

export function servicePrismaLayout(servicesDir: string, service: string): ServicePrismaLayout {
  const prismaDir = join(servicesDir, service, 'prisma');
  return {
    service,
    defaultSchema: service.replace(/-/g, '_'),
    schemaFile: join(prismaDir, 'schema.prisma'),
    migrationsDir: join(prismaDir, 'migrations'),
  };
}

/** Every `servicesDir/<service>/prisma/schema.prisma`, in name order. */
export async function findServicesWithPrisma(servicesDir: string): Promise<ServicePrismaLayout[]> {
  const entries = await readdir(servicesDir, { withFileTypes: true }).catch(() => []);
  const layouts: ServicePrismaLayout[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const layout = servicePrismaLayout(servicesDir, entry.name);
    const schemaFile = await stat(layout.schemaFile).catch(() => undefined);
    if (schemaFile?.isFile()) layouts.push(layout);
  }
  return layouts;
}
