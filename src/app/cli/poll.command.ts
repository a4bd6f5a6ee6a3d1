import { QueueEvents } from 'bullmq';
import type { FetchOutcome } from '../../producers/sources/fetch.processor.js';
import { QUEUE } from '../../queues/queue-names.js';
import { queueKeyPrefix } from '../../queues/redis-connection.js';
import { EXIT, parseCommandArgs, parseDurationOption, UsageError, writeJson, type Command } from './cli-context.js';
import { cliActor, withSources } from './with-sources.js';

const USAGE = `usage: syndicator poll <source> [--no-wait] [--timeout 60s] [--json] [--actor NAME]

Polls a source now: clears its backoff (earlier failures, Retry-After, a 410 Gone) and queues a
poll that the fetch workers make at once, paused or not; then waits for what came of it. The
source's next polls follow its interval again (or back off again, if this one fails).

  --no-wait       queue the poll and return
  --timeout 60s   how long to wait for a fetch worker to make the poll
  --json          print the outcome as JSON
  --actor NAME    who asked, for the log (default: the user running the command)

Exit code 1 when the poll fails, or no fetch worker made it in time.
`;

/** What came of a poll now, as printed. */
interface PollReport {
  source: string;
  jobId: string;
  backoffCleared: boolean;
  wasBackingOffUntil?: string | undefined;
  outcome?: FetchOutcome;
  error?: string;
}

/** `syndicator poll <source>`: clear the backoff and poll now, for real. */
export const pollCommand: Command = {
  name: 'poll',
  synopsis: '<source> [--no-wait] [--timeout 60s] [--json]',
  description: 'clear a source’s backoff and poll it now; print what came of it',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: { 'no-wait': { type: 'boolean' }, timeout: { type: 'string' }, json: { type: 'boolean' }, actor: { type: 'string' } },
    });
    const [id, ...more] = positionals;
    if (id === undefined || more.length > 0) throw new UsageError('name one source');
    const timeoutMs = parseDurationOption('timeout', values.timeout ?? '60s');
    const report = await withSources(context.config(), async ({ admin, queues, connection, prefix }) => {
      // Listening before the poll is queued, so that a poll made at once is not missed.
      const eventsConnection = connection.duplicate();
      const events = new QueueEvents(QUEUE.fetch, {
        connection: eventsConnection,
        prefix: queueKeyPrefix(connection, prefix, QUEUE.fetch),
      });
      try {
        await events.waitUntilReady();
        const { jobId, wasBackingOffUntil } = await admin.pollNow(id, cliActor(values.actor));
        const report: PollReport = { source: id, jobId, backoffCleared: wasBackingOffUntil !== undefined, wasBackingOffUntil };
        if (values['no-wait']) return report;
        const job = await queues.fetch.getJob(jobId);
        try {
          report.outcome = (await job?.waitUntilFinished(events, timeoutMs)) as FetchOutcome;
        } catch (error) {
          report.error = error instanceof Error ? error.message : String(error);
        }
        return report;
      } finally {
        await events.close();
        await eventsConnection.quit();
      }
    });
    if (values.json) writeJson(context.stdout, report);
    else context.stdout.write(`${describe(report, values['no-wait'] ?? false)}\n`);
    return report.error === undefined ? EXIT.ok : EXIT.failed;
  },
};

function describe(report: PollReport, queuedOnly: boolean): string {
  const cleared = report.backoffCleared ? ` (backoff cleared: it was backing off until ${report.wasBackingOffUntil ?? '?'})` : '';
  if (queuedOnly) return `poll of ${report.source} queued as job ${report.jobId}${cleared}`;
  if (report.error !== undefined) return `poll of ${report.source} failed${cleared}: ${report.error}`;
  const outcome = report.outcome;
  if (outcome?.status === 'skipped')
    return `poll of ${report.source} skipped${cleared}: ${outcome.reason === 'poll-running' ? 'another poll of it is running' : (outcome.reason ?? '')}`;
  if (outcome?.status === 'not-modified') return `polled ${report.source}${cleared}: not modified since the last poll`;
  return `polled ${report.source}${cleared}: ${outcome?.items ?? 0} items and ${outcome?.pages ?? 0} new pages queued`;
}
