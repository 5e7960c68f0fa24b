import { z } from 'zod';

/** Raised at start when the environment is incomplete or wrong; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const secretKeys = new WeakSet<z.ZodType>();

/** Marks a variable as secret: it is validated like any other but never printed by `describeConfig`. */
export function secret<T extends z.ZodType>(schema: T): T {
  secretKeys.add(schema);
  return schema;
}

export type EnvShape = Record<string, z.ZodType>;
export type ConfigOf<S extends EnvShape> = { [K in keyof S]: z.infer<S[K]> };

/**
 * Validates the environment against a shape whose keys are the variable names.
 * Every problem is reported at once so an operator fixes them in one go.
 */
export function loadConfig<S extends EnvShape>(shape: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const raw = env[name];
    const result = schema.safeParse(raw === '' ? undefined : raw);
    if (result.success) {
      values[name] = result.data;
    } else {
      const why = result.error.issues.map((issue) => issue.message).join('; ');
      problems.push(`${name}: ${raw === undefined ? 'missing' : 'invalid'} (${why})${describe(schema)}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as ConfigOf<S>;
}

/** Names that always hold secrets, even when a schema lost its `secret()` mark (e.g. through `.refine()`). */
const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|_KEY)$/;

export function isSecretVariable(shape: EnvShape, name: string): boolean {
  const schema = shape[name];
  return (schema !== undefined && secretKeys.has(schema)) || SECRET_NAME.test(name);
}

/** The configuration as it may be logged: secrets replaced. */
export function describeConfig<S extends EnvShape>(shape: S, config: ConfigOf<S>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(shape).map((name) => [name, isSecretVariable(shape, name) ? '[secret]' : config[name]]),
  );
}

/** Names of the variables a shape requires (no default): the compose file must set all of them. */
export function requiredVariables(shape: EnvShape): string[] {
  return Object.entries(shape)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([name]) => name);
}

function describe(schema: z.ZodType): string {
  return schema.description ? ` — ${schema.description}` : '';
}
