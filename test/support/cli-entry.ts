// The `syndicator` command run from the sources (under tsx), for tests that start real processes.
import { runCli } from '../../src/cli.js';

await runCli(process.argv.slice(2));
