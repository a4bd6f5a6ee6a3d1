import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/app/cli/run-command.js';
import { exampleConfig } from '../support/example-config.js';
import { runCli } from './cli-harness.js';

describe('syndicator usage', () => {
  it.each([
    ['no command', [], /name a command/],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['an unknown option', ['status', '--bogus'], /Unknown option '--bogus'/],
    ['an option without its value', ['replay', '--source'], /--source/],
    ['a stray argument', ['status', 'fetch'], /Unexpected argument 'fetch'/],
    ['retry without a queue', ['retry'], /name the queue/],
    ['retry of an unknown queue', ['retry', 'mail', '--all-failed'], /no queue "mail"/],
    ['retry without jobs', ['retry', 'fetch'], /either --all-failed or job ids/],
    ['retry with both', ['retry', 'fetch', '--all-failed', '12'], /either --all-failed or job ids/],
    ['replay without a source', ['replay'], /name the source/],
    ['replay of an unknown source', ['replay', '--source', 'nope'], /no source "nope"/],
    ['a window that is not a duration', ['replay', '--source', 'taian-news-rss', '--since', 'yesterday'], /--since: not a duration/],
    ['--interval without --watch', ['status', '--interval', '5s'], /--interval goes with --watch/],
    ['import without files', ['import'], /name at least one file/],
    ['republish of an unknown channel', ['republish', 'beijing'], /no channel beijing/],
    ['worker on an unknown queue', ['worker', '--queues', 'fetch,mail'], /no queue mail/],
    ['an unknown bench section', ['bench', 'everything'], /no section everything/],
    ['help on an unknown command', ['help', 'frobnicate'], /unknown command "frobnicate"/],
  ])('exits 2 with the usage on %s', async (_, argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/usage: syndicator/);
    expect(run.stdout).toBe('');
  });

  it('lists every command in the top-level usage', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(USAGE);
    for (const command of [
      'start',
      'worker',
      'server',
      'status',
      'sources',
      'retry',
      'replay',
      'republish',
      'extract',
      'import',
      'bench',
    ]) {
      expect(USAGE).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it.each([['status'], ['sources'], ['retry'], ['replay'], ['republish'], ['import'], ['extract'], ['start']])(
    'prints the usage of %s for --help, and for help <command>',
    async (command) => {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^usage: syndicator ${command}\\b`));
      expect((await runCli(['help', command])).stdout).toBe(run.stdout);
    },
  );

  it('exits 1 with the message when a file cannot be read', async () => {
    const run = await runCli(['extract', '/nonexistent/page.html']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^syndicator extract: .*ENOENT/);
  });

  it('keeps the Redis password out of an error', async () => {
    const run = await runCli(['status'], { ...exampleConfig, redis: { url: 'redis://:hunter2@127.0.0.1:1', prefix: 'unused' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^syndicator status: redis: REDIS_URL=redis:\/\/\*\*\*@127\.0\.0\.1:1 does not answer/);
    expect(run.stderr).not.toContain('hunter2');
  });
});
