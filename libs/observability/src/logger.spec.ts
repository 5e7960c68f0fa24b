import { jest } from '@jest/globals';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferedDestination, createLogger, isoTimeOncePerMillisecond } from './logger.js';
import { runWithContext } from './correlation.js';

describe('isoTimeOncePerMillisecond', () => {
  afterEach(() => jest.useRealTimers());

  it('gives the current time as pino’s ISO field, new each millisecond', () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T07:00:00.000Z') });
    const time = isoTimeOncePerMillisecond();
    expect(time()).toBe(',"time":"2026-11-29T07:00:00.000Z"');
    jest.advanceTimersByTime(1);
    expect(time()).toBe(',"time":"2026-11-29T07:00:00.001Z"');
    jest.setSystemTime(new Date('2026-11-29T08:30:00.250Z'));
    expect(time()).toBe(',"time":"2026-11-29T08:30:00.250Z"');
  });
});

describe('bufferedDestination', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'logger-spec-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes every line whole and in order, non-ASCII included, with the correlation id of the context', () => {
    const file = join(dir, 'out.log');
    const fd = openSync(file, 'a');
    const destination = bufferedDestination(fd, 1024);
    const logger = createLogger({ service: 'spec', destination: destination as unknown as NodeJS.WritableStream });
    runWithContext({ correlationId: 'c-1' }, () => {
      for (let i = 0; i < 500; i++) logger.info({ i, school: 'Lycée Émile-Zola ✓' }, 'élève inscrit');
    });
    destination.flushSync();
    closeSync(fd);

    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line['i'])).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(lines[499]).toMatchObject({ service: 'spec', correlationId: 'c-1', school: 'Lycée Émile-Zola ✓', msg: 'élève inscrit' });
    expect(lines[0]?.['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
