import { ALL_CHANNEL_ID } from '../../domain/channel.js';
import { maskCredentials } from '../../domain/mask-credentials.js';
import { QUEUE } from '../../queues/queue-names.js';
import { republishAndWait } from '../../queues/republish-channels.js';
import { EXIT, parseCommandArgs, UsageError, writeJson, type Command } from './cli-context.js';
import { withProgressBar } from './progress-bar.js';
import { withQueues } from './with-queues.js';

const USAGE = `usage: syndicator republish [<channel>...] [--json]

Rebuilds the feeds of the channels (every channel, and ${ALL_CHANNEL_ID}, when none is named) and waits
until each rebuild has finished: a progress bar on a terminal, then the count of each outcome.
A rebuild already waiting takes the request; one already running is followed by another.

  --json   print the channels rebuilt and those that failed as JSON

Exit code 1 when a rebuild fails.
`;

/** `syndicator republish`: channels' feeds rebuilt now, awaiting the rebuilds. */
export const republishCommand: Command = {
  name: 'republish',
  synopsis: '[<channel>...] [--json]',
  description: 'rebuild the feeds of the channels (all by default) and wait for the rebuilds',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, { allowPositionals: true, options: { json: { type: 'boolean' } } });
    const config = context.config();
    const known = [...config.channels.map((channel) => channel.id), ALL_CHANNEL_ID];
    const unknown = positionals.filter((id) => !known.includes(id));
    if (unknown.length > 0) throw new UsageError(`no channel ${unknown.join(', ')}; the channels are ${known.join(', ')}`);
    const channelIds = positionals.length > 0 ? [...new Set(positionals)] : known;
    const report = await withQueues(
      config,
      ({ queues, connection, prefix }) =>
        withProgressBar(context.progressTerminal, 'republish', (progress) =>
          republishAndWait(queues.publish, connection, prefix, channelIds, progress),
        ),
      [QUEUE.publish],
    );
    const failed = report.failed.map(({ channelId, reason }) => ({ channelId, reason: maskCredentials(reason) }));
    if (values.json) writeJson(context.stdout, { rebuilt: report.rebuilt, failed });
    else {
      context.stdout.write(`republished ${channelIds.length} channels: ${report.rebuilt.length} rebuilt, ${failed.length} failed\n`);
      for (const { channelId, reason } of failed) context.stderr.write(`${channelId}: ${reason}\n`);
    }
    return failed.length > 0 ? EXIT.failed : EXIT.ok;
  },
};
