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

  it('runs tasks of one key one after the other, in the order they were added', async () => {
    const lanes = new HandlerLanes(8, () => undefined);
    const order: string[] = [];
    const task = (label: string, ms: number) => async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(label);
    };
    await lanes.add('school-A', task('A1', 30));
    await lanes.add('school-B', task('B1', 1));
    await lanes.add('school-A', task('A2', 1));
    await lanes.drain();
    expect(order).toEqual(['B1', 'A1', 'A2']);
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
