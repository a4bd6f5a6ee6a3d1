import { serve } from '../serve.js';
import { EXIT, parseCommandArgs, type Command } from './cli-context.js';

/** `syndicator server`: the HTTP server alone. */
export const serverCommand: Command = {
  name: 'server',
  synopsis: '',
  description: 'the HTTP server only (feeds, API, dashboard, metrics)',
  usage: `usage: syndicator server

Serves the feeds, the API, the dashboard and the metrics over HTTP (PORT, default 8080), without
workers; run syndicator worker beside it.
`,
  async run(args, context) {
    parseCommandArgs(args, {});
    await serve(context.config(), { workers: [], scheduler: false, server: true });
    return EXIT.ok;
  },
};
