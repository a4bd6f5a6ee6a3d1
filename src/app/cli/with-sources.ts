import { userInfo } from 'node:os';
import { pino } from 'pino';
import type { Config } from '../../config/load-config.js';
import type { SourceAdmin } from '../../ops/sources/source-admin.js';
import { actorName } from '../../ops/sources/source-change-log.js';
import { SourceStateRepository } from '../../store/source-state-repository.js';
import { createLogger } from '../create-logger.js';
import { openRuntimeSources } from '../runtime-sources.js';
import { withQueues, type CommandQueues } from './with-queues.js';

/** What a command that reads or changes sources works with. */
export interface CommandSources extends CommandQueues {
  admin: SourceAdmin;
  sourceStates: SourceStateRepository;
}

/**
 * Runs `use` with the sources in force: the config file's sources merged into Redis first (as
 * the scheduler does at start; a second time changes nothing). Changes are logged as JSON lines
 * on stderr (LOG_LEVEL, LOG_FORMAT=pretty), and kept in the shared change log in Redis.
 */
export async function withSources<T>(config: Readonly<Config>, use: (opened: CommandSources) => Promise<T>): Promise<T> {
  const log = config.log.pretty ? createLogger(config, 'info') : pino({ level: config.log.level ?? 'info' }, pino.destination(2));
  return withQueues(config, async (opened) => {
    const sourceStates = new SourceStateRepository(opened.connection, opened.prefix);
    const { admin } = openRuntimeSources(config, opened.connection, opened.queues.fetch, sourceStates, log);
    await admin.mergeConfigSources(config.sources);
    return use({ ...opened, admin, sourceStates });
  });
}

/** Who a change from this command line is logged as: --actor, else the user running it. */
export function cliActor(given: string | undefined): string {
  return actorName(given, osUser());
}

function osUser(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    // No user entry (a container with a bare uid): the change is still logged, as from the CLI.
    return 'cli';
  }
}
