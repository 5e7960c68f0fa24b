/** Where the pipeline's two sides find their tables and stream (plain data: it also goes to the consumer process). */
export interface PipelineSettings {
  databaseUrl: string;
  natsUrl: string;
  subjectPrefix: string;
  accountsSchema: string;
  basesSchema: string;
  stream: string;
}

/** The services' default Prisma pool size (libs/db DEFAULT_POOL_SETTINGS). */
export const PRISMA_POOL_MAX = 10;
