import { parse } from 'yaml';

/** The parts of a compose file the checks read (merge keys `<<` already resolved). */
export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string[] | string };
  restart?: string;
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: (string | { target?: number; published?: string | number })[];
  volumes?: (string | { source?: string; target?: string; read_only?: boolean })[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function parseCompose(text: string): ComposeFile {
  // Compose resolves YAML merge keys (`<<: *anchor`); the yaml package does it with `merge`.
  const document = parse(text, { merge: true }) as ComposeFile;
  if (!document?.services) throw new Error('the compose file has no services');
  return document;
}

/** A service's environment as written (before interpolation), whatever its compose form. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const raw = service.environment ?? {};
  if (Array.isArray(raw)) {
    return Object.fromEntries(raw.map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, value === null ? '' : String(value)]));
}

export function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const raw = service.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

export function healthcheckWords(service: ComposeService): string[] {
  const test = service.healthcheck?.test;
  if (!test) return [];
  return Array.isArray(test) ? test : [test];
}

export interface VariableReference {
  name: string;
  /** `${VAR:?message}` / `${VAR?message}`: compose refuses to start without it. */
  required: boolean;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

/** Every `${VAR...}` of the compose text (`$$` is a literal dollar for the container's shell). */
export function variableReferences(text: string): VariableReference[] {
  const unescaped = text.replace(/\$\$/g, '');
  return [...unescaped.matchAll(REFERENCE)].map((match) => ({ name: match[1]!, required: (match[2] ?? '').endsWith('?') }));
}

/** Compose interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `$$`. */
export function interpolate(value: string, variables: Record<string, string>): string {
  const replaced = value.replace(/\$\$/g, '\u0000').replace(REFERENCE, (_match, name: string, operator?: string, argument?: string) => {
    const present = variables[name];
    const empty = present === undefined || (operator?.startsWith(':') && present === '');
    if (operator?.endsWith('?') && empty) throw new Error(`${name}: ${argument}`);
    if (operator?.endsWith('-') && empty) return argument ?? '';
    return present ?? '';
  });
  return replaced.replace(/\u0000/g, '$');
}

/** `NAME=value` lines of an env file; `# NAME=value` lines are the documented optional ones. */
export function parseEnvExample(text: string): { set: Record<string, string>; documented: Set<string> } {
  const set: Record<string, string> = {};
  const documented = new Set<string>();
  for (const line of text.split('\n')) {
    const match = /^(#\s*)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) continue;
    documented.add(match[2]!);
    if (!match[1]) set[match[2]!] = match[3]!;
  }
  return { set, documented };
}
