import type { Config } from '../../config/load-config.js';
import type { RawItem } from '../../domain/raw-item.js';
import type { Source } from '../../domain/source.js';
import { processItemsAndWait } from '../../queues/process-and-wait.js';
import { QUEUE } from '../../queues/queue-names.js';
import { parseTime } from '../../workers/process/normalize/parse-time.js';
import { parseCommandArgs, parseDurationOption, UsageError, type CliContext, type Command, type ExitCode } from './cli-context.js';
import { withProgressBar } from './progress-bar.js';
import { readSourceNow } from './read-source-now.js';
import { reportVerdicts } from './verdict-summary.js';
import { withQueues } from './with-queues.js';
import { withSources } from './with-sources.js';

const USAGE = `usage: syndicator replay --source ID [--since 2h] [--json]

Fetches a source again now, whole — without its ETag or Last-Modified, and for a list source
every page it links to — and runs its items through the pipeline again, waiting for the
verdicts. Deduplication makes it safe to repeat: what is already stored comes back unchanged or
duplicate. The source's poll state (next poll, validators, errors) is left alone.

  --source ID   the source, as syndicator sources lists it (one added at runtime too)
  --since 2h    only the items published within this window (an item without a time counts as
                published now, as the pipeline files it)
  --json        print the counts and the problems as JSON

Exit code 1 when the source cannot be read, or a linked page or an item fails.
`;

/** `syndicator replay`: one source fetched unconditionally and reprocessed. */
export const replayCommand: Command = {
  name: 'replay',
  synopsis: '--source ID [--since 2h] [--json]',
  description: 'fetch a source again, whole, and reprocess its items (idempotent)',
  usage: USAGE,
  async run(args, context) {
    const { values } = parseCommandArgs(args, {
      options: { source: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (values.source === undefined) throw new UsageError('name the source: --source ID');
    const sinceMs = values.since === undefined ? undefined : parseDurationOption('since', values.since);
    const config = context.config();
    const id = values.source;
    // The sources in force: the config file's and those added at runtime.
    const source = (await withSources(config, ({ admin }) => admin.get(id)))?.source;
    if (!source) throw new UsageError(`no source "${id}" (syndicator sources lists them)`);
    return replaySource(config, source, { sinceMs, json: values.json ?? false }, context);
  },
};

async function replaySource(
  config: Readonly<Config>,
  source: Source,
  options: { sinceMs: number | undefined; json: boolean },
  context: CliContext,
): Promise<ExitCode> {
  const read = await readSourceNow(source, config.fetch);
  const fetchedMs = Date.parse(read.fetchedAt);
  const { sinceMs } = options;
  const items = sinceMs === undefined ? read.items : read.items.filter((item) => publishedMs(item, fetchedMs) >= fetchedMs - sinceMs);
  const ref = { id: source.id, name: source.name, channels: source.channels };
  const payloads = items.map((item) => ({ source: ref, item, fetchedAt: read.fetchedAt }));
  const awaited = await withQueues(
    config,
    ({ queues, connection, prefix }) =>
      withProgressBar(context.progressTerminal, 'replay', (progress) =>
        processItemsAndWait(queues.process, connection, prefix, payloads, progress),
      ),
    [QUEUE.process, QUEUE.publish],
  );
  const before = read.items.length - items.length;
  const summary = `replayed ${source.id}: ${read.items.length} items read${before > 0 ? `, ${before} published before the window left out` : ''}`;
  const report = { source: source.id, read: read.items.length, ...awaited, errors: [...read.pageErrors, ...awaited.errors] };
  return reportVerdicts(context, options.json, summary, report);
}

/** When an item was published, as the pipeline will date it: its parsed time, else when it was fetched. */
function publishedMs(item: RawItem, fetchedMs: number): number {
  return (item.published === undefined ? undefined : parseTime(item.published, fetchedMs)) ?? fetchedMs;
}
