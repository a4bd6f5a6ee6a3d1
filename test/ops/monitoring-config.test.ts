import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load-config.js';
import { ALL_ROLES, startRoles, type RunningApp } from '../../src/app/start-roles.js';
import { ROOT } from '../support/paths.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

// The monitoring profile of docker-compose.yml and the files under monitoring/, read as Compose,
// Prometheus and Grafana would read them (Docker does not run here), and every metric that an alert
// or a panel names looked up on the /metrics of a running app.

interface Service {
  profiles?: string[];
  restart?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}
interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
interface Target {
  expr: string;
  datasource: { uid: string };
}
interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: Target[];
}
interface Variable {
  datasource: { uid: string };
  query: { query: string };
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
const prometheus = parse(read('monitoring/prometheus/prometheus.yml')) as {
  global: { scrape_interval: string };
  rule_files: string[];
  scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[];
};
const rules = (parse(read('monitoring/prometheus/alerts.yml')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap(
  (g) => g.rules,
);
const datasources = (
  parse(read('monitoring/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { uid: string; url: string }[] }
).datasources;
const providers = (
  parse(read('monitoring/grafana/provisioning/dashboards/syndicator.yml')) as { providers: { options: { path: string } }[] }
).providers;
const dashboard = JSON.parse(read('monitoring/grafana/dashboards/syndicator.json')) as {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
};
const charts = dashboard.panels.filter((panel) => panel.type !== 'row');

/** The named service of docker-compose.yml; throws when there is none. */
function service(name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`no service ${name} in docker-compose.yml`);
  return found;
}

/** The container path that a service mounts a host path of the repository at. */
function mountTarget(of: Service, hostPath: string): string | undefined {
  return of.volumes?.map((volume) => volume.split(':')).find(([source]) => source === hostPath)?.[1];
}

/** Series that Prometheus makes for each scrape itself: not on the app's /metrics. */
const SCRAPE_SERIES = new Set(['up']);
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'inf', 'nan']);

/** Returns the metric names a PromQL expression selects: not its functions, keywords, label names, strings or Grafana variables. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\$\{[^}]*\}|\$\w+/g, ' ')
    .replace(/\{[^}]*\}|\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\boffset\s+\S+/g, ' ');
  // An identifier right after a digit or a dot is part of a number (1e3); one before `(` is a function.
  const words = bare.match(/(?<![\w:.])[a-zA-Z_:][\w:]*(?![\w:]|\s*\()/g) ?? [];
  return [...new Set(words.filter((word) => !PROMQL_WORDS.has(word.toLowerCase())))];
}

/** Every PromQL expression of the rules, the panels and the dashboard variables (`label_values(metric, label)`). */
const EXPRESSIONS = [
  ...rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
  ...charts.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr }))),
  ...dashboard.templating.list.map((variable) => ({
    where: 'dashboard variable',
    expr: variable.query.query.replace(/^label_values\((.*),\s*\w+\)$/, '$1'),
  })),
];

describe('metricNamesIn', () => {
  it.each([
    ['histogram_quantile(0.95, sum by (source, le) (rate(a_bucket{source=~"$source"}[$__rate_interval])))', ['a_bucket']],
    ['max by (channel) (age) > on (channel) group_left max by (channel) (stale_after)', ['age', 'stale_after']],
    ['sum(rate(b_total{status=~"5.."}[5m] offset 1h)) / sum(rate(b_total[5m])) > 1e3', ['b_total']],
    ['up{job="syndicator"} == bool 0 and c unless d', ['up', 'c', 'd']],
  ])('finds the metrics of %s', (expr, names) => expect(metricNamesIn(expr)).toEqual(names));
});

describe('docker-compose.yml', () => {
  it('runs Prometheus and Grafana in the monitoring profile only, on 127.0.0.1', () => {
    for (const name of ['prometheus', 'grafana']) {
      expect(service(name).profiles, name).toEqual(['monitoring']);
      expect(service(name).ports?.length, name).toBeGreaterThan(0);
      for (const port of service(name).ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    }
    for (const name of ['redis', 'app']) expect(service(name).profiles, name).toBeUndefined();
  });

  it('restarts the app, checks its readiness with node, and takes the admin token from the environment', () => {
    const app = service('app');
    expect(app.restart).toBe('unless-stopped');
    expect(app.healthcheck?.test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(app.healthcheck?.test[3]).toContain(`http://127.0.0.1:${app.environment?.PORT}/readyz`);
    expect(app.environment?.SYNDICATOR_ADMIN_TOKEN).toMatch(/^\$\{SYNDICATOR_ADMIN_TOKEN(?:[:?-][^}]*)?\}$/);
    // Without one, the app keeps the token it makes in data/ (the working directory is /app).
    expect(app.volumes?.some((volume) => volume.endsWith(':/app/data'))).toBe(true);
    expect(service('grafana').environment?.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD(?:[:?-][^}]*)?\}$/);
    expect(service('grafana').environment?.GF_AUTH_ANONYMOUS_ORG_ROLE).toBe('Viewer');
  });

  it('mounts only files and folders that exist', () => {
    for (const [name, { volumes = [] }] of Object.entries(compose.services))
      for (const source of volumes.map((volume) => volume.split(':')[0]!).filter((source) => source.startsWith('./')))
        expect(existsSync(path.join(ROOT, source)), `${name}: ${source}`).toBe(true);
  });
});

describe('Prometheus', () => {
  it("scrapes the app's /metrics every 15 s and loads the mounted alert rules", () => {
    expect(prometheus.global.scrape_interval).toBe('15s');
    const [job] = prometheus.scrape_configs;
    expect(job?.metrics_path).toBe('/metrics');
    expect(job?.static_configs.flatMap((config) => config.targets)).toEqual([`app:${service('app').environment?.PORT}`]);
    expect(prometheus.rule_files).toEqual([mountTarget(service('prometheus'), './monitoring/prometheus/alerts.yml')]);
    expect(mountTarget(service('prometheus'), './monitoring/prometheus/prometheus.yml')).toBe('/etc/prometheus/prometheus.yml');
  });

  it('gives every alert a duration, a severity and annotations that name its source, channel or queue', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.description, rule.alert).toBeTruthy();
      const grouping = [...rule.expr.matchAll(/\b(?:by|on)\s*\(([^)]*)\)/g)].flatMap((match) => match[1]!.split(/\s*,\s*/));
      for (const label of grouping) expect(rule.annotations.summary, rule.alert).toContain(`$labels.${label}`);
      for (const [, job] of rule.expr.matchAll(/\bjob="([^"]*)"/g)) expect(job, rule.alert).toBe(prometheus.scrape_configs[0]?.job_name);
    }
    const watched = rules.flatMap((rule) => metricNamesIn(rule.expr));
    for (const metric of [
      'syndicator_source_error_streak',
      'syndicator_channel_newest_article_age_seconds',
      'syndicator_queue_oldest_waiting_seconds',
    ])
      expect(watched).toContain(metric);
  });
});

describe('Grafana', () => {
  it('provisions the Prometheus of the compose file and the mounted dashboards', () => {
    expect(datasources.map((source) => source.url)).toEqual(['http://prometheus:9090']);
    expect(service('prometheus').ports).toContain('127.0.0.1:9090:9090');
    expect(mountTarget(service('grafana'), './monitoring/grafana/provisioning')).toBe('/etc/grafana/provisioning');
    expect(providers.map((provider) => provider.options.path)).toEqual([
      mountTarget(service('grafana'), './monitoring/grafana/dashboards'),
    ]);
  });

  it('queries the provisioned datasource from every panel and variable', () => {
    const uid = datasources[0]?.uid;
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(charts.length).toBeGreaterThan(0);
    for (const panel of charts) {
      expect(panel.datasource?.uid, panel.title).toBe(uid);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource.uid, panel.title).toBe(uid);
        expect(metricNamesIn(target.expr), `${panel.title}: ${target.expr}`).not.toEqual([]);
      }
    }
    for (const variable of dashboard.templating.list) expect(variable.datasource.uid).toBe(uid);
  });

  it('charts queues, pipeline, feeds, readers, health and the process', () => {
    const charted = new Set(charts.flatMap((panel) => (panel.targets ?? []).flatMap((target) => metricNamesIn(target.expr))));
    const wanted = [
      'queue_jobs',
      'queue_oldest_waiting_seconds',
      'items_processed_total',
      'fetches_total',
      'fetch_duration_seconds_bucket',
    ];
    wanted.push(
      'stage_duration_seconds_bucket',
      'publish_duration_seconds_bucket',
      'item_feed_latency_seconds_bucket',
      'feed_requests_total',
    );
    wanted.push('reader_events_received_total', 'reader_events_total', 'source_error_streak', 'channel_newest_article_age_seconds');
    wanted.push('channel_stale_after_seconds', 'process_cpu_seconds_total', 'process_resident_memory_bytes');
    expect(wanted.map((name) => `syndicator_${name}`).filter((name) => !charted.has(name))).toEqual([]);
  });
});

describe('the metrics of the rules and the dashboard, on a running app', () => {
  const prefix = uniquePrefix('monitoring');
  let app: RunningApp | undefined;
  let metrics = '';

  beforeAll(async () => {
    const configPath = path.join(ROOT, 'syndicator.example.yaml');
    const config = parseConfig(readFileSync(configPath, 'utf8'), configPath, { port: 0, host: '127.0.0.1' });
    app = await startRoles({ ...config, redis: { ...config.redis, prefix } }, ALL_ROLES, testRedisUrl(), pino({ level: 'silent' }));
    // Once an item has reached a feed, every family and series the app makes has been made.
    await waitFor(
      async () => {
        metrics = await (await fetch(`${app!.baseUrl!}/metrics`)).text();
        return (
          metrics.includes('syndicator_items_processed_total{verdict="created"}') &&
          metrics.includes('syndicator_item_feed_latency_seconds_count')
        );
      },
      { timeoutMs: 45_000, what: 'a created item and its feed latency on /metrics' },
    );
  });

  afterAll(async () => {
    await app?.close();
    const redis = new Redis(testRedisUrl());
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('exports every metric that an alert, a panel or a variable names', () => {
    const types = new Map([...metrics.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => [name!, type!]));
    expect(types.size).toBeGreaterThan(10);
    const exported = (name: string): boolean => {
      const type = types.get(name);
      if (type !== undefined) return type !== 'histogram' && type !== 'summary';
      const [, base, suffix] = /^(.+)_(bucket|sum|count)$/.exec(name) ?? [];
      const baseType = base === undefined ? undefined : types.get(base);
      return baseType === 'histogram' || (baseType === 'summary' && suffix !== 'bucket');
    };
    const missing = EXPRESSIONS.flatMap(({ where, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !SCRAPE_SERIES.has(name) && !exported(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it("passes the app's healthcheck command when ready, and fails it when nothing answers", async () => {
    const run = promisify(execFile);
    const [, , flag, script] = service('app').healthcheck!.test;
    const at = (host: string) => run(process.execPath, [flag!, script!.replace('127.0.0.1:8080', host)]);
    await expect(at(new URL(app!.baseUrl!).host)).resolves.toBeDefined();
    // Port 9 (discard) has no listener here: the fetch fails and the command exits 1.
    await expect(at('127.0.0.1:9')).rejects.toThrow();
  });
});
