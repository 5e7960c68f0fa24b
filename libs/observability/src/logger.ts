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
  return pino(options, (settings.destination as pino.DestinationStream | undefined) ?? bufferedStdout());
}

/** Bytes of log lines gathered before one write to stdout. */
const LOG_BUFFER_BYTES = 4096;
/** Lines never wait longer than this for a write, however quiet the service. */
const LOG_FLUSH_INTERVAL_MS = 200;

/**
 * Stdout, written asynchronously in chunks of ~4 KB instead of one write per line: under load a
 * service logs a line per request, and a write to a pipe costs more than building the line. Pino
 * flushes the buffer synchronously when the process exits (also on a crash); only a SIGKILL can lose
 * the last ~200 ms of lines.
 */
function bufferedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  setInterval(() => destination.flush(), LOG_FLUSH_INTERVAL_MS).unref();
  return destination;
}
