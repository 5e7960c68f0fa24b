import { SchoolLocks } from './school-locks.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SchoolLocks', () => {
  it('runs one school’s work one at a time, in order, while other schools go on', async () => {
    const locks = new SchoolLocks();
    const log: string[] = [];
    const work = (name: string, ms: number) => async () => {
      log.push(`${name}:start`);
      await tick(ms);
      log.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all([
      locks.run('0750654D', work('a1', 30)),
      locks.run('0750654D', work('a2', 1)),
      locks.run('0750653C', work('b1', 5)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2:start')).toBeGreaterThan(log.indexOf('a1:end'));
    expect(log.indexOf('b1:end')).toBeLessThan(log.indexOf('a1:end'));
  });

  it('goes on after a failure, which reaches only its own caller', async () => {
    const locks = new SchoolLocks();
    const failed = locks.run('0750654D', async () => {
      throw new Error('S3 down');
    });
    const next = locks.run('0750654D', async () => 'served');
    await expect(failed).rejects.toThrow('S3 down');
    await expect(next).resolves.toBe('served');
  });
});
