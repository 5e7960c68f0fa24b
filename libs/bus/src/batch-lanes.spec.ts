import { BatchLanes } from './batch-lanes.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A promise the test opens when it chooses (orders tasks without racing timers). */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('BatchLanes', () => {
  it('sends an item alone when nothing runs, and groups the items that arrive while batches run', async () => {
    const batches: number[][] = [];
    const firstStarted = gate();
    const firstMayEnd = gate();
    const lanes = new BatchLanes<number>(1, 100, async (items) => {
      batches.push(items);
      if (items.includes(0)) {
        firstStarted.open();
        await firstMayEnd.opened;
      }
    }, () => undefined);
    await lanes.add(undefined, 0);
    await firstStarted.opened;
    for (let i = 1; i <= 5; i++) await lanes.add(undefined, i);
    firstMayEnd.open();
    await lanes.drain();
    expect(batches).toEqual([[0], [1, 2, 3, 4, 5]]);
  });

  it('never exceeds maxBatch nor runs more than `concurrency` batches at once', async () => {
    const sizes: number[] = [];
    let running = 0;
    let peak = 0;
    const lanes = new BatchLanes<number>(2, 3, async (items) => {
      sizes.push(items.length);
      running++;
      peak = Math.max(peak, running);
      await sleep(10);
      running--;
    }, () => undefined);
    for (let i = 0; i < 20; i++) await lanes.add(undefined, i);
    await lanes.drain();
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20);
    expect(peak).toBe(2);
  });

  it('keeps the items of one key out of concurrent batches and in the order they were added', async () => {
    const seen: string[] = [];
    let runningKeys = new Set<string>();
    const overlaps: string[] = [];
    const a1 = gate();
    const a1Started = gate();
    const b1Seen = gate();
    const lanes = new BatchLanes<{ key: string; n: number }>(4, 10, async (items) => {
      const keys = new Set(items.map((item) => item.key));
      for (const key of keys) if (runningKeys.has(key)) overlaps.push(key);
      runningKeys = new Set([...runningKeys, ...keys]);
      if (items.some((item) => item.key === 'A' && item.n === 1)) {
        a1Started.open();
        await a1.opened;
      }
      seen.push(...items.map((item) => `${item.key}${item.n}`));
      if (keys.has('B')) b1Seen.open();
      for (const key of keys) runningKeys.delete(key);
    }, () => undefined);
    await lanes.add('A', { key: 'A', n: 1 });
    await a1Started.opened;
    await lanes.add('A', { key: 'A', n: 2 });
    await lanes.add('B', { key: 'B', n: 1 });
    await lanes.add('A', { key: 'A', n: 3 });
    await b1Seen.opened;
    expect(seen).toEqual(['B1']); // B did not wait for A
    a1.open();
    await lanes.drain();
    expect(overlaps).toEqual([]);
    expect(seen).toEqual(['B1', 'A1', 'A2', 'A3']);
  });

  it('reports a failing batch and carries on with the next', async () => {
    const errors: unknown[] = [];
    const ran: number[] = [];
    const firstFailed = gate();
    const lanes = new BatchLanes<number>(1, 10, async (items) => {
      if (items.includes(0)) throw new Error('boom');
      ran.push(...items);
    }, (error) => {
      errors.push(error);
      firstFailed.open();
    });
    await lanes.add(undefined, 0);
    await firstFailed.opened;
    await lanes.add(undefined, 1);
    await lanes.drain();
    expect(errors).toHaveLength(1);
    expect(ran).toEqual([1]);
  });

  it('hands back the items not started', async () => {
    const firstStarted = gate();
    const firstMayEnd = gate();
    const lanes = new BatchLanes<number>(1, 10, async () => {
      firstStarted.open();
      await firstMayEnd.opened;
    }, () => undefined);
    await lanes.add(undefined, 0);
    await firstStarted.opened;
    await lanes.add(undefined, 1);
    await lanes.add(undefined, 2);
    expect(lanes.takePending()).toEqual([1, 2]);
    firstMayEnd.open();
    await lanes.drain();
  });
});
