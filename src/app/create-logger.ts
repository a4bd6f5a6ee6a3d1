import { pino, type Logger } from 'pino';
import type { Config } from '../config/load-config.js';

/**
 * Returns the one pino root of a process: at LOG_LEVEL (else `fallbackLevel`: `info` for the
 * long-running roles, `warn` for one-shot commands), as JSON lines, or pretty for a terminal
 * with LOG_FORMAT=pretty.
 */
export function createLogger(config: Pick<Config, 'log'>, fallbackLevel: 'info' | 'warn'): Logger {
  const level = config.log.level ?? fallbackLevel;
  return config.log.pretty ? pino({ level, transport: { target: 'pino-pretty', options: { destination: 2 } } }) : pino({ level });
}
