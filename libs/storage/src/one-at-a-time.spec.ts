import { describe, it, expect } from '@jest/globals';
import { OneAtATimePerKey } from './one-at-a-time.js';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('OneAtATimePerKey', () => {
  it('starts the work of a key only once the previous one settled, failed or not; other keys run meanwhile', async () => {
    const queue = new OneAtATimePerKey();
    const started: string[] = [];
    const first = deferred();
    const second = deferred();
    const a1 = queue.run('a', async () => {
      started.push('a1');
      await first.promise;
    });
    const a2 = queue.run('a', async () => {
      started.push('a2');
      await second.promise;
      return 'a2 done';
    });
    const a3 = queue.run('a', async () => {
      started.push('a3');
    });
    const b1 = queue.run('b', async () => {
      started.push('b1');
    });
    await b1;
    expect(started).toEqual(['a1', 'b1']);

    first.reject(new Error('a1 failed'));
    await expect(a1).rejects.toThrow('a1 failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a1', 'b1', 'a2']);

    second.resolve();
    expect(await a2).toBe('a2 done');
    await a3;
    expect(started).toEqual(['a1', 'b1', 'a2', 'a3']);
  });
});
