import { WakeableSleep } from './wakeable-sleep.js';

describe('WakeableSleep', () => {
  it('returns early when woken', async () => {
    const sleeper = new WakeableSleep();
    const started = Date.now();
    const sleeping = sleeper.sleep(10_000);
    sleeper.wake();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('remembers a wake that came while nobody slept', async () => {
    const sleeper = new WakeableSleep();
    sleeper.wake();
    const started = Date.now();
    await sleeper.sleep(10_000);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
