import { applyMigrations, createPrismaAdapter, type PrismaAdapterOptions } from '@pronote/db';
import { dropSchemas, TEST_DATABASE_URL, uniqueSchemaName } from './database.js';
import { EXAMPLE_MIGRATIONS_DIR, generateExampleClient } from './example-fixture.js';

interface Author {
  id: string;
  email: string;
  createdAt: Date;
}
interface Book {
  id: string;
  title: string;
  publishedYear: number | null;
  authorId: string;
}
type Args = Record<string, unknown>;

/** The part of the generated example client these tests use (it is generated at test time). */
export interface ExampleClient {
  author: {
    create(args: Args): Promise<Author>;
    update(args: Args): Promise<Author>;
    delete(args: Args): Promise<Author>;
    findUniqueOrThrow(args: Args): Promise<Author & { books?: Book[] }>;
  };
  book: {
    create(args: Args): Promise<Book>;
    findMany(args?: Args): Promise<Book[]>;
  };
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $transaction<T>(work: (tx: ExampleClient) => Promise<T>): Promise<T>;
  $disconnect(): Promise<void>;
}

export interface ExampleDatabase {
  schema: string;
  client: ExampleClient;
  close(): Promise<void>;
}

/** Generates the example client, migrates a fresh schema and connects through createPrismaAdapter. */
export async function openExampleDatabase(
  purpose: string,
  adapterOptions: Partial<PrismaAdapterOptions> = {},
): Promise<ExampleDatabase> {
  const schema = uniqueSchemaName(purpose);
  const generated = await generateExampleClient();
  await applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir: EXAMPLE_MIGRATIONS_DIR });
  const { PrismaClient } = (await import(generated.clientModule)) as {
    PrismaClient: new (options: { adapter: unknown }) => ExampleClient;
  };
  const adapter = createPrismaAdapter({ connectionString: TEST_DATABASE_URL, schema, ...adapterOptions });
  const client = new PrismaClient({ adapter });
  return {
    schema,
    client,
    close: async () => {
      await client.$disconnect();
      await dropSchemas(schema);
      await generated.remove();
    },
  };
}
