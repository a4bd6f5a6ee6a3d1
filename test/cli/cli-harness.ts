import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type { CliContext } from '../../src/app/cli/cli-context.js';
import { runCommand } from '../../src/app/cli/run-command.js';
import type { Config } from '../../src/config/load-config.js';
import { exampleConfig } from '../support/example-config.js';
import { connectTestRedis, deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';

/** What one command run wrote, and how it ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Collects what a command writes; `text()` is all of it so far. */
export function collector(isTTY = false) {
  let text = '';
  return {
    output: { isTTY, write: (chunk: string) => (text += chunk) },
    text: () => text,
  };
}

/** The example config on the test Redis, under `prefix`, with the logs silent. */
export function testConfig(prefix: string): Readonly<Config> {
  return { ...exampleConfig, redis: { url: testRedisUrl(), prefix }, log: { level: 'silent', pretty: false } };
}

/** A context on collectors and `config`; `signal` stands for Ctrl-C. */
export function testContext(config: Readonly<Config>, signal = new AbortController().signal) {
  const stdout = collector();
  const stderr = collector();
  const context: CliContext = { stdout: stdout.output, stderr: stderr.output, config: () => config, interruption: () => signal };
  return { context, stdout: stdout.text, stderr: stderr.text };
}

/** Runs `syndicator <argv>` in this process against `config` and returns its exit code and output. */
export async function runCli(argv: string[], config: Readonly<Config> = exampleConfig): Promise<CliRun> {
  const { context, stdout, stderr } = testContext(config);
  const code = await runCommand(argv, context);
  return { code, stdout: stdout(), stderr: stderr() };
}

/**
 * Gives the tests of a file their own key prefix, the example config under it and a connection
 * to the test Redis (`redis()`, from beforeAll on); the prefix's keys are deleted after them.
 */
export function useTestRedis(name: string): { prefix: string; config: Readonly<Config>; redis: () => Redis } {
  const prefix = uniquePrefix(name);
  let redis: Redis | undefined;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    if (!redis) return;
    await deletePrefix(redis, prefix);
    await redis.quit();
  });
  return {
    prefix,
    config: testConfig(prefix),
    redis: () => {
      if (!redis) throw new Error('useTestRedis: the connection opens in beforeAll');
      return redis;
    },
  };
}
