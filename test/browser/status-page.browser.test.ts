import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { parseConfig } from '../../src/config/load-config.js';
import { ROOT } from '../support/paths.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

/** Debian's chromium (the project's CI installs it), or CHROMIUM_PATH. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
);
const TOKEN = 'status-page-test-token';
/** Where the screenshot goes: the test output, not the repository. */
const SCREENSHOT = path.join(ROOT, 'test-output', 'status-page.png');

const CONFIG = `city: { name: 泰安市, code: "3709" }
channels:
  - { id: feicheng, name: 肥城新闻, divisions: ["370983"] }
  - { id: xintai, name: 新泰新闻, divisions: ["370982"], staleAfter: 1000d }
sources:
  - { id: feicheng-page, name: 地方网 肥城新闻, kind: page, url: examples/pages/feicheng-kexie-20170705.html, interval: 1h }
  - { id: broken-feed, name: 已下线的源, kind: feed, url: examples/feeds/no-such-feed.rss, interval: 1h }
`;

/** The operators' page in a real browser: what a failing source, a stale channel and a failed job look like, and retry. */
describe.skipIf(!CHROMIUM)(
  `the status page in Chromium${CHROMIUM ? '' : ' (skipped: no chromium; apt-get install chromium, or set CHROMIUM_PATH)'}`,
  () => {
    const prefix = uniquePrefix('status-page');
    let app: RunningApp | undefined;
    let browser: Browser | undefined;
    let redis: Redis;
    let fetchQueue: Queue;

    beforeAll(async () => {
      const configPath = path.join(ROOT, 'status-page-test.yaml');
      const config = parseConfig(CONFIG, configPath, { port: 0, host: '127.0.0.1', adminToken: TOKEN });
      app = await startRoles({ ...config, redis: { ...config.redis, prefix } }, ALL_ROLES, testRedisUrl(), pino({ level: 'silent' }));
      redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
      fetchQueue = new Queue('fetch', { connection: redis, prefix });
      await waitFor(async () => (await fetchQueue.getFailedCount()) > 0, { what: 'the broken source’s poll failed' });
      await waitFor(async () => (await (await fetch(`${app!.baseUrl}/feeds/feicheng.json`)).text()).includes('科协'), {
        what: 'the page published',
      });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await fetchQueue.close();
      await deletePrefix(redis, prefix);
      await redis.quit();
    });

    it('shows what the operator must see, and retrying a failed job moves it', async () => {
      const context = await browser!.newContext({
        httpCredentials: { username: 'operator', password: TOKEN },
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      const response = await page.goto(`${app!.baseUrl}/admin`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toMatch(/^\d+$/);

      const broken = page.locator('tr[data-source="broken-feed"]');
      await expect.poll(() => broken.textContent()).toContain('FAILING');
      expect(await broken.textContent()).toMatch(/unreadable: fetch: cannot read file:.*no-such-feed\.rss/);
      expect(await page.locator('tr[data-source="feicheng-page"]').textContent()).not.toContain('FAILING');
      // The example article is from 2017: feicheng (stale after a day) is stale; xintai (after 1000 days) has no article at all.
      expect(await page.locator('tr[data-channel="feicheng"]').textContent()).toContain('STALE');
      expect(await page.locator('tr[data-channel="xintai"]').textContent()).toContain('no article yet');
      expect(await page.locator('tr[data-queue="fetch"]').count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Queue dashboard' }).getAttribute('href')).toBe('/admin/queues');

      const [failed] = await fetchQueue.getFailed(0, 0);
      const row = page.locator(`tr[data-job="fetch:${failed!.id}"]`);
      expect(await row.textContent()).toContain('broken-feed');
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      await row.getByRole('button', { name: 'Retry' }).click();
      await page.waitForURL(`${app!.baseUrl}/admin`);
      // The retried poll is made again, whatever the source's backoff (it used to complete as skipped and fetch
      // nothing): the feed is still missing, so it fails again, a second attempt.
      await waitFor(async () => (await fetchQueue.getJob(failed!.id!))?.attemptsMade === failed!.attemptsMade + 1, {
        what: 'the retried poll made and failed again',
      });
      await page.reload();
      const again = page.locator(`tr[data-job="fetch:${failed!.id}"]`);
      await expect.poll(async () => (await again.locator('td.num').textContent())?.trim()).toBe(String(failed!.attemptsMade + 1));
      await context.close();
    });

    it('refuses a retry posted from another site', async () => {
      const response = await fetch(`${app!.baseUrl}/admin/jobs/fetch/1/retry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' },
      });
      expect(response.status).toBe(403);
    });
  },
);
