import { formatTable } from '../../ops/queue-status.js';
import { EXIT, parseCommandArgs, parseDurationOption, UsageError, writeJson, type Command } from './cli-context.js';
import { queueTable, readQueueStats } from './queue-stats.js';
import { watchQueues } from './watch-queues.js';
import { withQueues } from './with-queues.js';

const USAGE = `usage: syndicator status [--json] [--watch [--interval 2s]]

Job counts of each queue: waiting, active, delayed, failed, completed (those still kept), and the
age of the oldest waiting job.

  --json           print the numbers as JSON (with --watch: one JSON line per refresh)
  --watch          refresh until Ctrl-C, with the jobs completed per second since the last refresh;
                   redrawn in place on a terminal, plain lines (one per queue) otherwise
  --interval 2s    time between refreshes (with --watch; 500ms, 2s, 1m)
`;

/** `syndicator status`: the queues once, or live with --watch. */
export const statusCommand: Command = {
  name: 'status',
  synopsis: '[--json] [--watch [--interval 2s]]',
  description: 'job counts of each queue and the age of its oldest waiting job; live with --watch',
  usage: USAGE,
  async run(args, context) {
    const { values } = parseCommandArgs(args, {
      options: { json: { type: 'boolean' }, watch: { type: 'boolean' }, interval: { type: 'string' } },
    });
    if (values.interval !== undefined && !values.watch) throw new UsageError('--interval goes with --watch');
    const intervalMs = parseDurationOption('interval', values.interval ?? '2s');
    await withQueues(context.config(), async ({ queues, connection }) => {
      if (values.watch) {
        await watchQueues(queues.all, connection, context.stdout, {
          intervalMs,
          json: values.json ?? false,
          signal: context.interruption(),
        });
        return;
      }
      const stats = await readQueueStats(queues.all, Date.now());
      if (values.json) writeJson(context.stdout, { at: new Date().toISOString(), queues: stats });
      else {
        const { header, rows } = queueTable(stats, false);
        context.stdout.write(formatTable(header, rows));
      }
    });
    return EXIT.ok;
  },
};
