import { GroupCommit, type ItemOutcome } from './group-commit.js';

/** A commit function that records its groups and finishes when the test says so. */
function recordingCommit() {
  const groups: number[][] = [];
  const finish: Array<() => void> = [];
  const commit = (items: number[]): Promise<Array<ItemOutcome<string>>> => {
    groups.push(items);
    return new Promise((resolve) =>
      finish.push(() => resolve(items.map((item) => (item < 0 ? { ok: false, error: new Error(`bad ${item}`) } : { ok: true, value: `#${item}` })))),
    );
  };
  return { groups, finish, commit };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('commits the items submitted in the same turn together, each caller getting its own outcome', async () => {
    const { groups, finish, commit } = recordingCommit();
    const group = new GroupCommit(commit, { maxBatch: 10, concurrency: 1 });

    const results = [1, -2, 3].map((item) => group.submit(item));
    await turn();
    expect(groups).toEqual([[1, -2, 3]]);
    finish[0]!();

    expect(await Promise.allSettled(results)).toEqual([
      { status: 'fulfilled', value: '#1' },
      { status: 'rejected', reason: new Error('bad -2') },
      { status: 'fulfilled', value: '#3' },
    ]);
  });

  it('gathers the items submitted while every commit runs into the next group, at most maxBatch each', async () => {
    const { groups, finish, commit } = recordingCommit();
    const group = new GroupCommit(commit, { maxBatch: 3, concurrency: 2 });

    const first = group.submit(1);
    await turn();
    const second = group.submit(2);
    await turn();
    const waiting = [3, 4, 5, 6, 7].map((item) => group.submit(item));
    await turn();
    expect(groups).toEqual([[1], [2]]); // two commits running: the others wait

    finish[0]!();
    await first;
    expect(groups).toEqual([[1], [2], [3, 4, 5]]);
    finish[1]!();
    await second;
    expect(groups).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    finish[2]!();
    finish[3]!();
    expect(await Promise.all(waiting)).toEqual(['#3', '#4', '#5', '#6', '#7']);
  });

  it('fails every item of a group whose commit throws, and goes on with the next group', async () => {
    let calls = 0;
    const group = new GroupCommit<number, number>(
      async (items) => {
        if (calls++ === 0) throw new Error('database unreachable');
        return items.map((item) => ({ ok: true, value: item * 10 }));
      },
      { maxBatch: 10, concurrency: 1 },
    );

    const failed = [1, 2].map((item) => group.submit(item));
    expect(await Promise.allSettled(failed)).toEqual([
      { status: 'rejected', reason: new Error('database unreachable') },
      { status: 'rejected', reason: new Error('database unreachable') },
    ]);
    expect(await group.submit(3)).toBe(30);
  });

  it('refuses settings that would never commit', () => {
    expect(() => new GroupCommit(async () => [], { maxBatch: 0, concurrency: 1 })).toThrow('maxBatch');
    expect(() => new GroupCommit(async () => [], { maxBatch: 1, concurrency: 1.5 })).toThrow('concurrency');
  });
});
