import { pino, type Logger, type LoggerOptions } from 'pino';
import { currentContext } from './correlation.js';

export type { Logger } from 'pino';

export interface LoggerSettings {
  service: string;
  level?: string;
  /** Paths of fields to redact (secrets): passwords, keys, tokens. */
  redact?: string[];
  destination?: NodeJS.WritableStream;
}

const DEFAULT_REDACT = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'privateKey',
  '*.privateKey',
  'req.headers.authorization',
];

/** JSON logs; every line carries the service name and the correlation id of the current context. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...DEFAULT_REDACT, ...(settings.redact ?? [])], censor: '[redacted]' },
    mixin() {
      const context = currentContext();
      return context ? { correlationId: context.correlationId, causationId: context.causationId } : {};
    },
    formatters: { level: (label) => ({ level: label }) },
  };
  return settings.destination ? pino(options, settings.destination as pino.DestinationStream) : pino(options);
}
