import { runCli } from './cli.js';

/**
 * `npm start`: every role in one process (the workers of all queues, the source scheduler
 * and the HTTP server) on the configured sources, the bundled examples by default.
 */
await runCli(['start', ...process.argv.slice(2)]);
