import { QUEUE_NAMES, type QueueName } from '../../queues/queue-names.js';
import { serve } from '../serve.js';
import { EXIT, parseCommandArgs, UsageError, type Command } from './cli-context.js';

/** `syndicator worker`: queue workers (and the scheduler), without the HTTP server. */
export const workerCommand: Command = {
  name: 'worker',
  synopsis: '[--queues fetch,process,publish] [--no-scheduler]',
  description: 'queue workers only (and the source scheduler unless --no-scheduler)',
  usage: `usage: syndicator worker [--queues fetch,process,publish] [--no-scheduler]

Runs workers of the queues, and the source scheduler, until Ctrl-C or SIGTERM.

  --queues LIST     the queues to work on, comma-separated (default: ${QUEUE_NAMES.join(',')})
  --no-scheduler    do not schedule the sources' polls (another process does)
`,
  async run(args, context) {
    const { values } = parseCommandArgs(args, { options: { queues: { type: 'string' }, 'no-scheduler': { type: 'boolean' } } });
    const workers = parseQueues(values.queues);
    await serve(context.config(), { workers, scheduler: !values['no-scheduler'], server: false });
    return EXIT.ok;
  },
};

function parseQueues(list: string | undefined): QueueName[] {
  if (list === undefined) return QUEUE_NAMES;
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(QUEUE_NAMES as string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`--queues: no queue ${unknown.join(', ')}; the queues are ${QUEUE_NAMES.join(', ')}`);
  return names as QueueName[];
}
