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
    timestamp: isoTimeOncePerMillisecond(),
    redact: { paths: [...DEFAULT_REDACT, ...(settings.redact ?? [])], censor: '[redacted]' },
    mixin() {
      const context = currentContext();
      return context ? { correlationId: context.correlationId, causationId: context.causationId } : {};
    },
    formatters: { level: (label) => ({ level: label }) },
  };
  return pino(options, (settings.destination as pino.DestinationStream | undefined) ?? bufferedStdout());
}

/**
 * Pino's `isoTime` field (`,"time":"<ISO 8601>"`), formatted once per millisecond: under load a
 * service logs several lines per millisecond, and formatting a date costs more than the rest of a
 * short line.
 */
export function isoTimeOncePerMillisecond(): () => string {
  let formattedAt = Number.NaN;
  let field = '';
  return () => {
    const now = Date.now();
    if (now !== formattedAt) {
      formattedAt = now;
      field = `,"time":"${new Date(now).toISOString()}"`;
    }
    return field;
  };
}

/** Bytes of log lines gathered before one write to stdout. */
const LOG_BUFFER_BYTES = 16 * 1024;
/** Lines never wait longer than this for a write, however quiet the service. */
const LOG_FLUSH_INTERVAL_MS = 200;

/**
 * Stdout, written asynchronously in chunks of ~16 KB instead of one write per line: under load a
 * service logs a line per request, and a write to a pipe costs more than building the line. Pino
 * flushes the buffer synchronously when the process exits (also on a crash); only a SIGKILL can lose
 * the last ~200 ms of lines.
 */
function bufferedStdout(): pino.DestinationStream {
  const destination = bufferedDestination(1, LOG_BUFFER_BYTES);
  setInterval(() => destination.flush(), LOG_FLUSH_INTERVAL_MS).unref();
  return destination;
}

/**
 * Lines gathered as buffers (sonic-boom's buffer mode) and written once `minLength` bytes wait. Its
 * text mode appends each line to one growing string and measures that string's UTF-8 length on every
 * line: a copy of up to 16 KB per line, more than the rest of the line's cost together.
 */
export function bufferedDestination(fd: number, minLength: number): pino.DestinationStream & { flush(): void; flushSync(): void } {
  const boom = pino.destination({ dest: fd, sync: false, minLength, maxWrite: 4 * minLength, contentMode: 'buffer' });
  return {
    write: (line: string) => boom.write(Buffer.from(line) as unknown as string),
    flush: () => boom.flush(),
    flushSync: () => boom.flushSync(),
  };
}
