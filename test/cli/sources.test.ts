import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../src/ops/source-status.js';
import { SourceStateRepository } from '../../src/store/source-state-repository.js';
import { runCli, useTestRedis } from './cli-harness.js';

describe('syndicator sources against Redis', () => {
  const { prefix, config, redis } = useTestRedis('cli-sources');

  beforeAll(async () => {
    const states = new SourceStateRepository(redis(), prefix);
    const at = '2024-03-12T10:00:00.000Z';
    const nextPollAt = '2024-03-12T10:05:00.000Z';
    await states.recordSuccess('taian-news-rss', at, { status: 'ok', items: 3, nextPollAt });
    // Failing now.
    await states.recordFailure('county-news-gbk', at, { message: 'http://editor:hunter2@news.example/rss: 503', kind: 'http-5xx' });
    // Failed, then answered 304: healthy again.
    await states.recordFailure('xintai-dongping-atom', at, { message: 'timeout', kind: 'timeout' });
    await states.recordSuccess('xintai-dongping-atom', at, { status: 'not-modified', items: 0, nextPollAt });
    // Gone.
    await states.recordGone('yybnet-xintai-page', at, 'http://u:p@gone.example/page', 'http://u:p@gone.example/page: 410');
  });

  it('lists every configured source in a table', async () => {
    const run = await runCli(['sources'], config);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + config.sources.length);
    expect(run.stdout).toMatch(/^taian-news-rss\s+feed\s+300s\s+ok\s/m);
    expect(run.stdout).toMatch(/^yybnet-feicheng-list\s+list\s+900s\s+never\s/m);
  });

  it('keeps only the failing sources with --failing, masking credentials', async () => {
    const run = await runCli(['sources', '--failing', '--json'], config);
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as SourceStatus[];
    expect(shown.map((source) => source.id)).toEqual(['yybnet-xintai-page', 'county-news-gbk']);
    expect(shown[1]?.state).toMatchObject({ lastStatus: 'error', errorCount: 1, lastError: 'http://***@news.example/rss: 503' });
    expect(shown[0]?.state).toMatchObject({ lastStatus: 'gone', goneUrl: 'http://***@gone.example/page' });
    expect(run.stdout).not.toMatch(/hunter2|u:p@/);
    const table = await runCli(['sources', '--failing'], config);
    expect(
      table.stdout
        .trimEnd()
        .split('\n')
        .slice(2)
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(['yybnet-xintai-page', 'county-news-gbk']);
  });
});
