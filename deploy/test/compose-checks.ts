// Rules the compose file must follow, as functions returning the problems they find, so that the
// test can show both that the real file passes and that a broken file is caught.
import { ConfigError, type EnvShape, loadConfig, requiredVariables } from '@pronote/config';
import { existsSync } from 'node:fs';
import { describeVariables } from '../../tools/docs/describe-variable.js';
import { join } from 'node:path';
import {
  type ComposeFile,
  type ComposeService,
  dependenciesOf,
  environmentOf,
  healthcheckWords,
  interpolate,
  parseEnvExample,
  variableReferences,
} from './compose-model.js';

export const ONE_SHOT_SERVICES = ['migrate', 'minio-init'] as const;
export const INFRASTRUCTURE_SERVICES = ['postgres', 'redis', 'nats', 'minio'] as const;

export function serviceCommand(entry: string): string[] {
  return ['node', '--enable-source-maps', '--import', '@swc-node/register/esm-register', entry];
}

export interface PlatformServiceCheck {
  compose: ComposeFile;
  service: string;
  entry: string;
  shape: EnvShape;
  /** Values of deploy/.env.example, used to interpolate the compose environment. */
  exampleEnv: Record<string, string>;
  repoRoot: string;
}

/** A platform service: command, restart, probe, environment complete and valid, dependencies. */
export function checkPlatformService({ compose, service, entry, shape, exampleEnv, repoRoot }: PlatformServiceCheck): string[] {
  const definition = compose.services[service];
  if (!definition) return [`${service}: missing from docker-compose.yml`];
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`${service}: ${problem}`);

  if (definition.restart !== 'unless-stopped') say(`restart is ${definition.restart}, expected unless-stopped`);
  if (JSON.stringify(definition.command) !== JSON.stringify(serviceCommand(entry))) say(`command must be ${serviceCommand(entry).join(' ')}`);
  if (!existsSync(join(repoRoot, entry))) say(`${entry} does not exist`);

  const environment = environmentOf(definition);
  for (const name of requiredVariables(shape)) if (!(name in environment)) say(`required variable ${name} is not set`);
  for (const name of Object.keys(environment)) if (!(name in shape)) say(`sets ${name}, which its configuration does not know`);
  for (const [name, schema] of Object.entries(shape)) {
    // Defaults made for a developer machine (127.0.0.1) are wrong inside a container.
    const fallback = schema.safeParse(undefined);
    if (fallback.success && /127\.0\.0\.1|localhost/.test(String(fallback.data)) && !(name in environment)) {
      say(`${name} defaults to ${String(fallback.data)}, which is wrong in a container: set it`);
    }
  }
  problems.push(...checkSecretsComeFromEnvFile(service, shape, environment));

  let config: Record<string, unknown>;
  try {
    const interpolated = Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, interpolate(value, exampleEnv)]));
    config = loadConfig(shape, interpolated);
  } catch (error) {
    const details = error instanceof ConfigError ? error.problems.join('; ') : String(error);
    return [...problems, `${service}: its compose environment (with deploy/.env.example) is refused: ${details}`];
  }

  problems.push(...checkProbe(service, definition, shape, config, repoRoot));
  problems.push(...checkInfrastructureDependencies(service, definition, shape, repoRoot));
  const hasMigrations = existsSync(join(repoRoot, 'services', service, 'prisma', 'schema.prisma'));
  const expectedSchema = service.replace(/-/g, '_');
  if (hasMigrations && 'DATABASE_SCHEMA' in config && config['DATABASE_SCHEMA'] !== expectedSchema) {
    say(`DATABASE_SCHEMA is ${String(config['DATABASE_SCHEMA'])} but migrate writes its tables into ${expectedSchema}`);
  }
  return problems;
}

/** Secrets are never written in the compose file: they come from deploy/.env and must be set. */
function checkSecretsComeFromEnvFile(service: string, shape: EnvShape, environment: Record<string, string>): string[] {
  return describeVariables(shape)
    .filter((variable) => variable.secret && variable.name in environment)
    .filter((variable) => !/^\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]*\}$/.test(environment[variable.name]!))
    .map((variable) => `${service}: secret ${variable.name} must be \${VAR:?message} from deploy/.env, not a value in the file`);
}

/** The container healthcheck calls this service's own readiness probe, on the port it listens on. */
function checkProbe(service: string, definition: ComposeService, shape: EnvShape, config: Record<string, unknown>, repoRoot: string): string[] {
  const words = healthcheckWords(definition);
  const url = words.find((word) => /^https?:\/\//.test(word));
  if (words[0] !== 'CMD' || words[1] !== 'node' || words[2] !== 'deploy/healthcheck.mjs' || !url) {
    return [`${service}: healthcheck must be ["CMD", "node", "deploy/healthcheck.mjs", "<its /health/ready URL>"]`];
  }
  const problems: string[] = [];
  if (!existsSync(join(repoRoot, words[2]))) problems.push(`${service}: ${words[2]} does not exist`);
  const probe = new URL(url);
  const scheme = 'TLS_CERT_FILE' in shape ? 'https:' : 'http:';
  if (probe.protocol !== scheme) problems.push(`${service}: probe uses ${probe.protocol}, the service serves ${scheme}`);
  if (probe.pathname !== '/health/ready') problems.push(`${service}: probe path is ${probe.pathname}, expected /health/ready`);
  if (Number(probe.port) !== config['HTTP_PORT']) problems.push(`${service}: probe port ${probe.port} but HTTP_PORT is ${String(config['HTTP_PORT'])}`);
  return problems;
}

/** Each backing server the service is configured for is started (and ready) before it. */
function checkInfrastructureDependencies(service: string, definition: ComposeService, shape: EnvShape, repoRoot: string): string[] {
  const dependencies = dependenciesOf(definition);
  const expected: [string, string][] = [];
  if ('NATS_URL' in shape) expected.push(['nats', 'service_healthy']);
  if ('DATABASE_URL' in shape) expected.push(['postgres', 'service_healthy']);
  if ('DATABASE_URL' in shape && existsSync(join(repoRoot, 'services', service, 'prisma', 'schema.prisma'))) {
    expected.push(['migrate', 'service_completed_successfully']);
  }
  if ('REDIS_URL' in shape) expected.push(['redis', 'service_healthy']);
  if ('S3_ENDPOINT' in shape) expected.push(['minio-init', 'service_completed_successfully']);
  return expected
    .filter(([target, condition]) => dependencies[target] !== condition)
    .map(([target, condition]) => `${service}: must depend on ${target} with condition ${condition}`);
}

/** depends_on names existing services, with conditions those services can satisfy. */
export function checkDependencyConditions(compose: ComposeFile): string[] {
  const problems: string[] = [];
  for (const [name, definition] of Object.entries(compose.services)) {
    for (const [target, condition] of Object.entries(dependenciesOf(definition))) {
      const other = compose.services[target];
      if (!other) problems.push(`${name}: depends on unknown service ${target}`);
      else if (condition === 'service_healthy' && healthcheckWords(other).length === 0) problems.push(`${name}: waits for ${target} to be healthy, which has no healthcheck`);
      else if (condition === 'service_completed_successfully' && (other.restart ?? 'no') !== 'no') problems.push(`${name}: waits for ${target} to complete, which restarts`);
    }
  }
  return problems;
}

/** Every variable the file interpolates is documented in deploy/.env.example; required ones set. */
export function checkVariableReferences(composeText: string, envExampleText: string): string[] {
  const example = parseEnvExample(envExampleText);
  const problems: string[] = [];
  for (const reference of variableReferences(composeText)) {
    if (reference.required && !(reference.name in example.set)) problems.push(`\${${reference.name}:?...} is not set in deploy/.env.example`);
    else if (!example.documented.has(reference.name)) problems.push(`\${${reference.name}} is not documented in deploy/.env.example`);
  }
  return [...new Set(problems)];
}

/** Infrastructure servers, each with a healthcheck, a restart policy and its durability settings. */
export function checkInfrastructure(compose: ComposeFile): string[] {
  const problems: string[] = [];
  for (const name of INFRASTRUCTURE_SERVICES) {
    const definition = compose.services[name];
    if (!definition) {
      problems.push(`${name}: missing from docker-compose.yml`);
      continue;
    }
    if (healthcheckWords(definition).length === 0) problems.push(`${name}: has no healthcheck`);
    if (definition.restart !== 'unless-stopped') problems.push(`${name}: restart must be unless-stopped`);
  }
  const redisCommand = commandWords(compose.services['redis']);
  if (!hasOption(redisCommand, '--maxmemory-policy', 'noeviction')) problems.push('redis: must run with --maxmemory-policy noeviction');
  if (!hasOption(redisCommand, '--appendonly', 'yes')) problems.push('redis: must run with --appendonly yes');
  const natsProbe = healthcheckWords(compose.services['nats'] ?? {}).join(' ');
  if (!natsProbe.includes(':8222/healthz?js-enabled-only=true')) problems.push('nats: healthcheck must call the monitoring port /healthz?js-enabled-only=true');
  if (!mounts(compose.services['nats'], './deploy/nats/nats.conf')) problems.push('nats: must mount ./deploy/nats/nats.conf');
  if (!healthcheckWords(compose.services['minio'] ?? {}).join(' ').includes('/minio/health/live')) problems.push('minio: healthcheck must call /minio/health/live');
  for (const name of ONE_SHOT_SERVICES) {
    if (!compose.services[name]) problems.push(`${name}: missing from docker-compose.yml`);
    else if (compose.services[name]!.restart !== 'no') problems.push(`${name}: a one-shot job must have restart "no"`);
  }
  return problems;
}

export function commandWords(service: ComposeService | undefined): string[] {
  const command = service?.command ?? [];
  return Array.isArray(command) ? command : command.split(/\s+/);
}

function hasOption(words: string[], option: string, value: string): boolean {
  return words.some((word, index) => word === option && words[index + 1] === value);
}

export function mounts(service: ComposeService | undefined, source: string): { target: string; readOnly: boolean } | undefined {
  for (const volume of service?.volumes ?? []) {
    if (typeof volume !== 'string') {
      if (volume.source === source) return { target: volume.target ?? '', readOnly: volume.read_only === true };
      continue;
    }
    const [from, target, mode] = volume.split(':');
    if (from === source) return { target: target ?? '', readOnly: mode === 'ro' };
  }
  return undefined;
}
