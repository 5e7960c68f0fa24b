/** Runs `work(i)` for i in [0, count) with at most `limit` in flight. */
export async function withInFlight(count: number, limit: number, work: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}
