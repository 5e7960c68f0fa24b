import { SchoolLocks } from './school-locks.js';

describe('SchoolLocks', () => {
  it('runs one school’s work one at a time, in order, while other schools go on', async () => {
    const locks = new SchoolLocks();
    const log: string[] = [];
    let releaseA1!: () => void;
    const a1Gate = new Promise<void>((resolve) => (releaseA1 = resolve));
    const work = (name: string, until?: Promise<void>) => async () => {
      log.push(`${name}:start`);
      await until;
      log.push(`${name}:end`);
      return name;
    };
    const a1 = locks.run('0750654D', work('a1', a1Gate));
    const a2 = locks.run('0750654D', work('a2'));
    const b1 = await locks.run('0750653C', work('b1'));
    expect(b1).toBe('b1');
    expect(log).toEqual(['a1:start', 'b1:start', 'b1:end']);
    releaseA1();
    expect(await Promise.all([a1, a2])).toEqual(['a1', 'a2']);
    expect(log).toEqual(['a1:start', 'b1:start', 'b1:end', 'a1:end', 'a2:start', 'a2:end']);
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
