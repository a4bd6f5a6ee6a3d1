/**
 * Lets at most `perHost` requests run at once against each host; the rest wait their turn in
 * arrival order. Politeness towards the sites we poll, within one process.
 */
export class HostLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly perHost: number) {}

  /** Runs `task` when the host has a free slot. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  private acquire(host: string): Promise<void> {
    const running = this.running.get(host) ?? 0;
    if (running < this.perHost) {
      this.running.set(host, running + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(host) ?? [];
      queue.push(resolve);
      this.waiting.set(host, queue);
    });
  }

  private release(host: string): void {
    const next = this.waiting.get(host)?.shift();
    if (next) return next(); // the slot passes straight to the next waiter
    const running = (this.running.get(host) ?? 1) - 1;
    if (running === 0) this.running.delete(host);
    else this.running.set(host, running);
    if (this.waiting.get(host)?.length === 0) this.waiting.delete(host);
  }
}
