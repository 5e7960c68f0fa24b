import { describeConfig, type EnvShape } from '@pronote/config';
import type { z } from 'zod';

export interface VariableDoc {
  name: string;
  required: boolean;
  /** The default as written in the environment, '' when the variable is optional without one. */
  defaultValue: string | undefined;
  secret: boolean;
  description: string;
}

/** What an operator needs to know about each variable of a shape, read from the zod schemas. */
export function describeVariables(shape: EnvShape): VariableDoc[] {
  // describeConfig masks exactly the secret variables; the values given to it do not matter.
  const masked = describeConfig(shape, {} as never);
  return Object.entries(shape).map(([name, schema]) => {
    const absent = schema.safeParse(undefined);
    return {
      name,
      required: !absent.success,
      defaultValue: absent.success ? (absent.data === undefined ? '' : String(absent.data)) : undefined,
      secret: masked[name] === '[secret]',
      description: descriptionOf(schema),
    };
  });
}

/** `.describe()` sits on the inner schema when `.default()` or `.optional()` wraps it afterwards. */
function descriptionOf(schema: z.ZodType): string {
  let current: z.ZodType | undefined = schema;
  while (current) {
    if (current.description) return current.description;
    const { def, options } = current as unknown as { def: { innerType?: z.ZodType }; options?: unknown };
    if (!def.innerType && Array.isArray(options)) return `one of ${options.join(', ')}`;
    current = def.innerType;
  }
  return '';
}
