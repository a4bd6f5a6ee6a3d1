import type { Logger } from 'pino';

/** Reports the errors of Redis connections (the store's, each queue's, each worker's) through one logger. */
export interface ConnectionTrouble {
  /** Returns the `error` listener of one connection, named for the log. */
  listener: (connection: string) => (error: Error) => void;
  /** Called when Redis answers again: says so once, and arms the reports anew. */
  recovered: () => void;
}

/**
 * Logs connection errors through pino once per change of state, not once per retry: while
 * Redis is away ioredis retries every few hundred milliseconds, and each retry's error on every
 * connection would bury the log. A connection's error is logged when it differs from the last
 * one logged for it; `recovered` logs the return and arms them all again. An `error` listener on
 * every queue also keeps BullMQ from printing each error's stack to stderr itself.
 */
export function connectionTrouble(log: Logger): ConnectionTrouble {
  const lastReported = new Map<string, string>();
  return {
    listener: (connection) => (error) => {
      const what = `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`;
      if (lastReported.get(connection) === what) return;
      lastReported.set(connection, what);
      // The message and code say it all; a stack per retry would say nothing more.
      log.warn({ connection, error: { code: (error as NodeJS.ErrnoException).code, message: error.message } }, 'redis connection error');
    },
    recovered: () => {
      if (lastReported.size === 0) return;
      log.info({ connections: [...lastReported.keys()] }, 'redis connection restored');
      lastReported.clear();
    },
  };
}
