import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../support/paths.js';
import { runCommand } from '../../src/app/cli/run-command.js';
import { runCli, useTestRedis, testContext } from './cli-harness.js';

describe('syndicator import against Redis', () => {
  const { config } = useTestRedis('cli-import');
  const feed = path.join(EXAMPLES, 'feeds', 'xintai-dongping.atom');

  it('prints a summary line with the count of each verdict', async () => {
    const run = await runCli(['import', feed], config);
    expect(run).toEqual({
      code: 0,
      stdout: 'imported 5 items: 5 created, 0 updated, 0 unchanged, 0 duplicates, 0 failed\n',
      stderr: '',
    });
  });

  it('exits 1 and names what it skipped', async () => {
    const run = await runCli(['import', feed, '/nonexistent.rss', '--json'], config);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      queued: 5,
      verdicts: { created: 0, unchanged: 5 },
      errors: [expect.stringMatching(/^\/nonexistent\.rss: cannot read/)],
    });
  });

  it('draws a progress bar on a terminal: done/total, rate, ETA', async () => {
    let drawn = '';
    const terminal = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          drawn += chunk.toString();
          done();
        },
      }),
      { isTTY: true, columns: 120 },
    );
    const { context, stdout } = testContext(config);
    expect(await runCommand(['import', feed], { ...context, progressTerminal: terminal })).toBe(0);
    expect(drawn).toMatch(/import \[[=-]+\] 5\/5 \| \d+\.\d\/s \| ETA \d+s/);
    expect(stdout()).toMatch(/^imported 5 items: /);
  });
});
