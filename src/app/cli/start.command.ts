import { serve } from '../serve.js';
import { ALL_ROLES } from '../start-roles.js';
import { EXIT, parseCommandArgs, type Command } from './cli-context.js';

/** `syndicator start` (what npm start runs): every role in one process, until Ctrl-C or SIGTERM. */
export const startCommand: Command = {
  name: 'start',
  synopsis: '',
  description: 'all roles in one process: workers, scheduler, HTTP server',
  usage: `usage: syndicator start

Runs every role in one process — the workers of all queues, the source scheduler and the HTTP
server — until Ctrl-C or SIGTERM, then shuts down gracefully.
`,
  async run(args, context) {
    parseCommandArgs(args, {});
    await serve(context.config(), ALL_ROLES);
    return EXIT.ok;
  },
};
