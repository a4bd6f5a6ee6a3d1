import path from 'node:path';
import { createLogger } from './create-logger.js';
import type { Config } from '../config/load-config.js';
import { maskCredentials } from '../domain/mask-credentials.js';
import { startRoles, type Roles } from './start-roles.js';
import { resolveRedis, type ResolvedRedis } from './resolve-redis.js';
import { DASHBOARD_PATH } from '../ops/dashboard.js';
import { STATUS_PAGE_PATH } from '../ops/status-page.route.js';
import { resolveAdminToken, type AdminToken } from './admin-token.js';

/**
 * Runs the given roles until SIGINT or SIGTERM, then shuts down gracefully: the server stops
 * accepting, workers finish their running jobs, connections close, an own redis-server stops —
 * within `shutdownGrace`, or the process exits with code 1.
 */
export async function serve(config: Readonly<Config>, roles: Roles): Promise<void> {
  const log = createLogger(config, 'info');
  const dataDir = path.resolve('data');
  const admin = resolveAdminToken(config.http.adminToken, dataDir);
  const redis = await resolveRedis(config.redis.url, dataDir, config.redis.cluster);
  log.info({ redis_origin: redis.origin, config: config.configPath, sources: config.sources.length, roles }, 'starting');
  const app = await startRoles({ ...config, http: { ...config.http, adminToken: admin.token } }, roles, redis.target, log);
  process.stdout.write(startBanner(config, redis, roles.server, admin));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, grace_ms: config.shutdownGraceMs }, 'shutting down');
    // With Redis away, closing waits for it forever: past the grace time the process exits anyway, with code 1.
    const forced = setTimeout(() => {
      log.error({ grace_ms: config.shutdownGraceMs }, 'did not stop within the shutdown grace time; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    await app.close();
    await redis.stop();
    clearTimeout(forced);
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** The lines printed once the roles run: which Redis (never its password), the URLs to open, and where the admin token is (never the token). */
export function startBanner(
  config: Readonly<Config>,
  redis: Pick<ResolvedRedis, 'url' | 'origin'>,
  server: boolean,
  admin: Pick<AdminToken, 'origin' | 'file'>,
): string {
  const base = config.site.publicUrl;
  const where = redis.origin === 'child' ? `own redis-server at ${redis.url}, data in ./data` : redis.url;
  const lines = [`Syndicator is running (Redis: ${maskCredentials(where)})`];
  if (server) {
    lines.push(
      `  feeds:     ${base}/feeds/all.rss   ${base}/feeds/all.atom   ${base}/feeds/all.json`,
      ...config.channels.map((c) => `             ${base}/feeds/${c.id}.{rss,atom,json}   ${c.name}`),
      `  articles:  ${base}/api/articles`,
      `  status:    ${base}${STATUS_PAGE_PATH}   queues: ${base}${DASHBOARD_PATH}`,
      `  admin token: ${admin.file ? `in ${path.relative(process.cwd(), admin.file) || admin.file}${admin.origin === 'generated' ? ' (made now)' : ''}` : 'SYNDICATOR_ADMIN_TOKEN'} — Authorization: Bearer <token>, or any user name with the token as password`,
      `  metrics:   ${base}/metrics   health: ${base}/healthz ${base}/readyz`,
    );
  }
  return `${lines.join('\n')}\n`;
}
