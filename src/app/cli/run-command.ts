import { maskCredentials } from '../../domain/mask-credentials.js';
import { benchCommand } from './bench.command.js';
import { EXIT, UsageError, type CliContext, type Command, type ExitCode } from './cli-context.js';
import { discoverCommand } from './discover.command.js';
import { extractCommand } from './extract.command.js';
import { importCommand } from './import.command.js';
import { pollCommand } from './poll.command.js';
import { replayCommand } from './replay.command.js';
import { republishCommand } from './republish.command.js';
import { retryCommand } from './retry.command.js';
import { serverCommand } from './server.command.js';
import { sourcesCommand } from './sources.command.js';
import { startCommand } from './start.command.js';
import { statusCommand } from './status.command.js';
import { workerCommand } from './worker.command.js';

/** Every command, in the order the usage lists them. */
const COMMANDS: readonly Command[] = [
  startCommand,
  workerCommand,
  serverCommand,
  statusCommand,
  sourcesCommand,
  pollCommand,
  discoverCommand,
  retryCommand,
  replayCommand,
  republishCommand,
  extractCommand,
  importCommand,
  benchCommand,
];

const COLUMN = 33;

/** The top-level usage: every command with its synopsis and what it does. */
export const USAGE = `usage: syndicator <command> [options]
       syndicator <command> --help     the command's own usage

commands:
${COMMANDS.map(listed).join('')}
exit codes: 0 done, 1 something was skipped or failed, 2 a wrong command line
environment: SYNDICATOR_CONFIG (config file; default the bundled example), REDIS_URL, PORT (8080), LOG_LEVEL
`;

function listed({ name, synopsis, description }: Command): string {
  const head = `  ${name}${synopsis ? ` ${synopsis}` : ''}`;
  return head.length < COLUMN - 1 ? `${head.padEnd(COLUMN)}${description}\n` : `${head}\n${' '.repeat(COLUMN)}${description}\n`;
}

/**
 * Runs `syndicator <command> [args]` and returns its exit code: the command's own, 2 for a
 * wrong command line (with the usage on stderr), 1 for an error (its message on stderr, with
 * any credentials in it masked).
 */
export async function runCommand(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') return printHelp(args[0], context);
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    context.stderr.write(`${name === undefined ? 'syndicator: name a command' : `syndicator: unknown command "${name}"`}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (asksForHelp(args)) {
    context.stdout.write(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`syndicator ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT.usage;
    }
    context.stderr.write(`syndicator ${command.name}: ${maskCredentials(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.failed;
  }
}

/** `syndicator help [command]`: the usage of the command, or of them all. */
function printHelp(topic: string | undefined, context: CliContext): ExitCode {
  const command = COMMANDS.find((candidate) => candidate.name === topic);
  if (topic !== undefined && !command) {
    context.stderr.write(`syndicator: unknown command "${topic}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  context.stdout.write(command?.usage ?? USAGE);
  return EXIT.ok;
}

/** --help or -h among the options (not after `--`, where it would be an argument). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}
