import { maskCredentials } from '../../domain/mask-credentials.js';
import { QUEUE_NAMES, type QueueName } from '../../queues/queue-names.js';
import { retryAllFailed, retryJobsById, type JobRetry } from '../../queues/retry-jobs.js';
import { EXIT, parseCommandArgs, UsageError, writeJson, type Command, type Output } from './cli-context.js';
import { withQueues } from './with-queues.js';

const USAGE = `usage: syndicator retry <queue> (--all-failed | <job-id>...) [--json]

Moves failed jobs of a queue (${QUEUE_NAMES.join(', ')}) back to waiting, to be run again.

  --all-failed   every job of the queue that has failed
  <job-id>...    these jobs (the ids syndicator status --json, the dashboard and the logs show)
  --json         print what was retried as JSON

Exit code 1 when a named job does not exist or has not failed.
`;

/** `syndicator retry`: failed jobs of a queue, run again. */
export const retryCommand: Command = {
  name: 'retry',
  synopsis: '<queue> (--all-failed | <job-id>...) [--json]',
  description: 'move failed jobs of a queue back to waiting',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: { 'all-failed': { type: 'boolean' }, json: { type: 'boolean' } },
    });
    const [queueName, ...ids] = positionals;
    if (queueName === undefined) throw new UsageError('name the queue');
    if (!isQueueName(queueName)) throw new UsageError(`no queue "${queueName}"; the queues are ${QUEUE_NAMES.join(', ')}`);
    const all = values['all-failed'] ?? false;
    if (all === ids.length > 0) throw new UsageError('give either --all-failed or job ids');
    return withQueues(context.config(), async ({ queues, connection }) => {
      const queue = queues[queueName];
      if (all) {
        const retried = await retryAllFailed(queue, connection);
        if (values.json) writeJson(context.stdout, { queue: queueName, retried });
        else context.stdout.write(retried > 0 ? `retried ${retried} failed jobs of ${queueName}\n` : `no failed jobs in ${queueName}\n`);
        return EXIT.ok;
      }
      const results = (await retryJobsById(queue, ids)).map((result) =>
        result.outcome === 'retried' ? { ...result, failedReason: maskCredentials(result.failedReason) } : result,
      );
      if (values.json) writeJson(context.stdout, { queue: queueName, jobs: results });
      else reportRetries(context.stdout, context.stderr, queueName, results);
      return results.every((result) => result.outcome === 'retried') ? EXIT.ok : EXIT.failed;
    });
  },
};

function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as string[]).includes(name);
}

function reportRetries(stdout: Output, stderr: Output, queue: string, results: readonly JobRetry[]): void {
  for (const result of results) {
    if (result.outcome === 'retried')
      stdout.write(`retried ${queue} job ${result.id} (${result.name}), which had failed: ${result.failedReason}\n`);
    else if (result.outcome === 'not-found') stderr.write(`${queue} has no job ${result.id}: not retried\n`);
    else stderr.write(`${queue} job ${result.id} is ${result.state}, not failed: not retried\n`);
  }
}
