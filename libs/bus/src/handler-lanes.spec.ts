import { HandlerLanes } from './handler-lanes.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('HandlerLanes', () => {
  it('never runs more than `concurrency` tasks at once, and runs them side by side up to it', async () => {
    const lanes = new HandlerLanes(3, () => undefined);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    };
    for (let i = 0; i < 10; i++) await lanes.add(undefined, task);
    await lanes.drain();
    expect(peak).toBe(3);
    expect(running).toBe(0);
  });

  it('runs tasks of one key one after the other, in the order they were added, while other keys go on', async () => {
    const lanes = new HandlerLanes(8, () => undefined);
    const order: string[] = [];
    let releaseA1!: () => void;
    const a1Gate = new Promise<void>((resolve) => (releaseA1 = resolve));
    let markB1Done!: () => void;
    const b1Done = new Promise<void>((resolve) => (markB1Done = resolve));
    await lanes.add('school-A', async () => {
      order.push('A1 started');
      await a1Gate;
      order.push('A1 finished');
    });
    await lanes.add('school-B', async () => {
      order.push('B1');
      markB1Done();
    });
    await lanes.add('school-A', async () => {
      order.push('A2');
    });
    await b1Done;
    expect(order).toEqual(['A1 started', 'B1']);
    releaseA1();
    await lanes.drain();
    expect(order).toEqual(['A1 started', 'B1', 'A1 finished', 'A2']);
  });

  it('reports a failing task and still runs the next one of the same key', async () => {
    const errors: unknown[] = [];
    const lanes = new HandlerLanes(2, (error) => errors.push(error));
    const ran: string[] = [];
    await lanes.add('k', async () => {
      throw new Error('boom');
    });
    await lanes.add('k', async () => {
      ran.push('second');
    });
    await lanes.drain();
    expect(errors).toHaveLength(1);
    expect(ran).toEqual(['second']);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => new HandlerLanes(0, () => undefined)).toThrow(/positive integer/);
  });
});
