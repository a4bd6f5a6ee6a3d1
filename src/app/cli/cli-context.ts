import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDurationMs } from '../../config/schema-fields.js';
import type { Config } from '../../config/load-config.js';

/** Where a command writes: process.stdout or process.stderr, or a test's collector. */
export interface Output {
  write(text: string): unknown;
  /** A terminal: status --watch redraws in place on one. */
  readonly isTTY?: boolean | undefined;
}

/** What a command runs with, so that tests can run it in-process. */
export interface CliContext {
  stdout: Output;
  stderr: Output;
  /** The terminal progress bars draw on (stderr, when it is one); without one, no bars. */
  progressTerminal?: NodeJS.WritableStream | undefined;
  /** The config, read when a command first needs it. */
  config(): Readonly<Config>;
  /** Aborted on Ctrl-C. Asking for it makes Ctrl-C end the command (exit 0) instead of the process. */
  interruption(): AbortSignal;
}

/** Exit codes: 0 done, 1 something was skipped or failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One `syndicator` command. */
export interface Command {
  name: string;
  /** Its arguments, as the list of commands shows them after its name. */
  synopsis: string;
  /** What it does, in a line of the list of commands. */
  description: string;
  /** Its own usage text, printed by --help and after a usage error. */
  usage: string;
  run(args: string[], context: CliContext): Promise<ExitCode>;
}

/** A wrong command line: exit 2, with the command's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Parses a command's arguments with node:util parseArgs, strictly: an unknown option, a missing
 * option value or an unexpected positional is a UsageError.
 */
export function parseCommandArgs<T extends Omit<ParseArgsConfig, 'args' | 'strict'>>(args: string[], config: T) {
  try {
    return parseArgs({ ...config, args, strict: true as const });
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(error.message);
    throw error;
  }
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS_');
}

/** Parses the value of a duration option (`500ms`, `30s`, `10m`, `2h`, `1d`); anything else is a UsageError. */
export function parseDurationOption(option: string, value: string): number {
  const ms = parseDurationMs(value);
  if (ms === undefined || !(ms > 0)) throw new UsageError(`--${option}: not a duration: ${JSON.stringify(value)} (use 30s, 10m, 2h)`);
  return ms;
}

/** Writes a value as indented JSON, for --json. */
export function writeJson(output: Output, value: unknown): void {
  output.write(`${JSON.stringify(value, null, 2)}\n`);
}
