/**
 * Settles with `work`, or rejects with `onTimeout()` once `ms` have passed.
 * minio-js requests have no timeout of their own and `putObject` has been seen never to settle,
 * so every network call in this lib goes through here.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
