import { runImport } from '../../producers/import/run-import.js';
import { QUEUE } from '../../queues/queue-names.js';
import { parseCommandArgs, UsageError, type Command } from './cli-context.js';
import { withProgressBar } from './progress-bar.js';
import { reportVerdicts } from './verdict-summary.js';
import { withQueues } from './with-queues.js';

const USAGE = `usage: syndicator import <path>... [--source ID] [--json]

Runs RSS/Atom/JSON Feed files, HTML article pages and JSON Lines of articles (.jsonl, .ndjson:
url, title, contentHtml or contentText, publishedAt, authors, originalSource, sourceId) through
the pipeline, and waits for the verdicts: a progress bar on a terminal, then the count of each.

  --source ID   the source items are filed under when their file does not say (default: import)
  --json        print the counts and the problems as JSON

A bad line is reported with its file and line number and skipped; the exit code is then 1.
`;

/** `syndicator import`: files through the pipeline, awaiting the verdicts. */
export const importCommand: Command = {
  name: 'import',
  synopsis: '<path>... [--source ID] [--json]',
  description: 'run feed files, HTML pages and JSON Lines of articles through the pipeline; wait for the verdicts',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: { source: { type: 'string', default: 'import' }, json: { type: 'boolean' } },
    });
    if (positionals.length === 0) throw new UsageError('name at least one file');
    const config = context.config();
    const report = await withQueues(
      config,
      ({ queues, connection, prefix }) =>
        withProgressBar(context.progressTerminal, 'import', (progress) =>
          runImport({ paths: positionals, defaultSourceId: values.source, sources: config.sources }, queues, connection, prefix, progress),
        ),
      [QUEUE.process, QUEUE.publish],
    );
    return reportVerdicts(context, values.json ?? false, `imported ${report.queued} items`, { ...report });
  },
};
