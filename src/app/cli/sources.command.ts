import { maskCredentials } from '../../domain/mask-credentials.js';
import { formatTable } from '../../ops/queue-status.js';
import { readSourceStatuses, type SourceStatus } from '../../ops/source-status.js';
import { SourceStateRepository } from '../../store/source-state-repository.js';
import { EXIT, parseCommandArgs, writeJson, type Command } from './cli-context.js';
import { withQueues } from './with-queues.js';

const USAGE = `usage: syndicator sources [--failing] [--json]

The configured sources and their fetch state: last status and success, errors since the last
success, next poll, last error.

  --failing   only the sources whose last fetch failed (error, gone) or that failed since their last success
  --json      print the sources as JSON
`;

/** `syndicator sources`: the configured sources and their fetch state. */
export const sourcesCommand: Command = {
  name: 'sources',
  synopsis: '[--failing] [--json]',
  description: 'sources: last status and success, error count, next poll, last error',
  usage: USAGE,
  async run(args, context) {
    const { values } = parseCommandArgs(args, { options: { failing: { type: 'boolean' }, json: { type: 'boolean' } } });
    const config = context.config();
    const statuses = await withQueues(config, ({ connection, prefix }) =>
      readSourceStatuses(config.sources, new SourceStateRepository(connection, prefix)),
    );
    const shown = (values.failing ? statuses.filter(isFailing) : statuses).map(masked);
    if (values.json) writeJson(context.stdout, shown);
    else context.stdout.write(formatTable(HEADER, shown.map(sourceRow)));
    return EXIT.ok;
  },
};

/** A source whose last fetch failed, or that has failed since its last success. */
function isFailing({ state }: SourceStatus): boolean {
  return state.lastStatus === 'error' || state.lastStatus === 'gone' || state.errorCount > 0;
}

/** The status with no credentials in its stored URL and message (the fetch stage masks messages; older states may not be). */
function masked(status: SourceStatus): SourceStatus {
  const { lastError, goneUrl } = status.state;
  return {
    ...status,
    state: {
      ...status.state,
      ...(lastError === undefined ? {} : { lastError: maskCredentials(lastError) }),
      ...(goneUrl === undefined ? {} : { goneUrl: maskCredentials(goneUrl) }),
    },
  };
}

const HEADER = ['source', 'kind', 'every', 'last', 'last success', 'errors', 'next poll', 'last error'];

function sourceRow({ id, kind, intervalSeconds, state }: SourceStatus): string[] {
  return [
    id,
    kind,
    `${intervalSeconds}s`,
    state.lastStatus ?? 'never',
    state.lastSuccessAt ?? '-',
    String(state.errorCount),
    state.nextPollAt ?? '-',
    state.lastError ?? '',
  ];
}
