import { runCommand } from './app/cli/run-command.js';
import { loadConfig, type Config } from './config/load-config.js';

/**
 * Runs one `syndicator` command with its arguments on this process's stdout and stderr, and
 * sets the exit code: 0 done, 1 something was skipped or failed, 2 a wrong command line.
 */
export async function runCli(argv: string[]): Promise<void> {
  let config: Readonly<Config> | undefined;
  let interrupted: AbortController | undefined;
  process.exitCode = await runCommand(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    progressTerminal: process.stderr.isTTY ? process.stderr : undefined,
    config: () => (config ??= loadConfig()),
    interruption: () => {
      if (!interrupted) {
        const controller = new AbortController();
        // Only the first Ctrl-C ends the command; a second one ends the process as usual.
        process.once('SIGINT', () => controller.abort());
        interrupted = controller;
      }
      return interrupted.signal;
    },
  });
}
