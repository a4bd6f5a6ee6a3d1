/**
 * How long a request waits for Redis to confirm a cached document before the last good one is
 * served as it is: a check that went out just before Redis went away waits in ioredis' offline
 * queue until Redis is back, and a reader must not wait with it.
 */
export const CHECK_DEADLINE_MS = 500;

/**
 * Returns what `check` resolves to within `deadlineMs`; past the deadline, or when the check
 * fails, returns `lastGood` (the check goes on, and its result serves later requests).
 */
export async function checkedOrLastGood<T>(check: Promise<T>, lastGood: T, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(lastGood), deadlineMs);
    timer.unref();
  });
  try {
    return await Promise.race([check.catch(() => lastGood), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
