import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import type { Channel } from '../domain/channel.js';
import { dropEmpty } from '../domain/drop-empty.js';
import type { Partner } from '../domain/partner.js';
import type { Source } from '../domain/source.js';

import { ConfigError } from './config-error.js';
import { configFileSchema, type ConfigFile } from './config-schema.js';
import { sourceFromFile, unknownChannelsOf } from './source-input.js';

/** Everything the app needs to know, read once at start and never changed. */
export interface Config {
  configPath: string;
  site: { name: string; publicUrl: string; language: string };
  city: { name: string; code: string };
  gazetteer: ConfigFile['gazetteer'];
  redis: { url: string | undefined; prefix: string; cluster?: readonly string[] | undefined };
  /** `adminToken` guards the admin surfaces (SYNDICATOR_ADMIN_TOKEN); unset, `serve` keeps a generated one in data/admin-token. */
  http: { port: number; host: string; adminToken?: string | undefined };
  feeds: ConfigFile['feeds'];
  fetch: ConfigFile['fetch'];
  dedupe: ConfigFile['dedupe'];
  lists: ConfigFile['lists'];
  urls: ConfigFile['urls'];
  workers: ConfigFile['workers'];
  /** SIGTERM to exit at most this long (ms), finished or not. */
  shutdownGraceMs: number;
  /** Articles first seen longer ago than `keepMs` are deleted, by a job every `everyMs`. */
  retention: { keepMs: number; everyMs: number };
  channels: Channel[];
  sources: Source[];
  push: ConfigFile['push'];
  partners: Partner[];
  /** LOG_LEVEL (unset: each command's own default) and LOG_FORMAT=pretty (for a terminal). */
  log: { level: string | undefined; pretty: boolean };
}

/** The bundled example config, used when SYNDICATOR_CONFIG is not set. */
export const EXAMPLE_CONFIG_PATH = fileURLToPath(new URL('../../syndicator.example.yaml', import.meta.url));

/** Reads the config file named by the environment (or the bundled example) and the env overrides. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const configPath = path.resolve(env.SYNDICATOR_CONFIG ?? EXAMPLE_CONFIG_PATH);
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (cause) {
    throw new ConfigError(`config: cannot read ${configPath}: ${(cause as Error).message}`, { cause });
  }
  const port = parsePort(env.PORT);
  return parseConfig(text, configPath, {
    port,
    host: dropEmpty(env.HOST) ?? '0.0.0.0',
    redisUrl: dropEmpty(env.REDIS_URL),
    adminToken: dropEmpty(env.SYNDICATOR_ADMIN_TOKEN),
    log: { level: dropEmpty(env.LOG_LEVEL), pretty: env.LOG_FORMAT === 'pretty' },
    env,
  });
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`config: PORT must be a TCP port number, got ${JSON.stringify(value)}`);
  }
  return port;
}

/** Parses and validates config text; errors name the file, line and key that are wrong. */
export function parseConfig(
  text: string,
  configPath: string,
  overrides: {
    port: number;
    host?: string;
    redisUrl?: string | undefined;
    adminToken?: string | undefined;
    log?: Config['log'];
    env?: NodeJS.ProcessEnv;
  },
): Readonly<Config> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new ConfigError(`config: ${configPath}:${line}: invalid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const parsed = configFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new ConfigError(describeIssues(parsed.error.issues, doc, lineCounter, configPath));
  }
  const file = parsed.data;
  checkReferences(file, configPath);
  const baseDir = path.dirname(configPath);
  const config: Config = {
    configPath,
    site: { ...file.site, publicUrl: file.site.publicUrl ?? `http://localhost:${overrides.port}` },
    city: file.city,
    gazetteer: file.gazetteer,
    redis: { url: overrides.redisUrl, prefix: file.redis.prefix, cluster: file.redis.cluster },
    http: { port: overrides.port, host: overrides.host ?? '0.0.0.0', adminToken: overrides.adminToken },
    feeds: file.feeds,
    fetch: file.fetch,
    dedupe: file.dedupe,
    lists: file.lists,
    urls: file.urls,
    workers: file.workers,
    shutdownGraceMs: file.shutdownGrace,
    retention: { keepMs: file.retention.keep, everyMs: file.retention.every },
    channels: file.channels.map(({ staleAfter, ...channel }) => ({ ...channel, staleAfterMs: staleAfter })),
    sources: file.sources.map((source) => sourceFromFile(source, baseDir)),
    push: file.push,
    log: overrides.log ?? { level: undefined, pretty: false },
    partners: file.partners.map(({ key, keyEnv, rate, ...partner }, index) => ({
      ...partner,
      key: key ?? partnerKeyFromEnv(keyEnv, overrides.env ?? {}, `${configPath}: partners.${index}.keyEnv`),
      rate: { max: rate.max, perMs: rate.per },
    })),
  };
  return deepFreeze(config);
}

function describeIssues(issues: z.core.$ZodIssue[], doc: Document, lineCounter: LineCounter, configPath: string): string {
  const lines = issues.slice(0, 5).map((issue) => {
    const keyPath = issue.path.map(String);
    const line = lineOf(doc, lineCounter, keyPath);
    const where = line === undefined ? configPath : `${configPath}:${line}`;
    return `${where}: ${keyPath.join('.') || '(top level)'}: ${issue.message}`;
  });
  return `config: invalid configuration\n  ${lines.join('\n  ')}`;
}

/** The line of the deepest node on the key path that exists in the document. */
function lineOf(doc: Document, lineCounter: LineCounter, keyPath: string[]): number | undefined {
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = doc.getIn(keyPath.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function checkReferences(file: ConfigFile, configPath: string): void {
  const channelIds = new Set(file.channels.map((channel) => channel.id));
  const problems: string[] = [];
  findDuplicates(file.channels.map((c) => c.id)).forEach((id) => problems.push(`channel id "${id}" is used twice`));
  findDuplicates(file.sources.map((s) => s.id)).forEach((id) => problems.push(`source id "${id}" is used twice`));
  findDuplicates(file.partners.map((p) => p.id)).forEach((id) => problems.push(`partner id "${id}" is used twice`));
  for (const [index, place] of file.gazetteer.places.entries()) {
    if (place.channel && !channelIds.has(place.channel))
      problems.push(`gazetteer.places.${index}.channel: unknown channel "${place.channel}"`);
    if (!place.channel === !place.division) problems.push(`gazetteer.places.${index}: give exactly one of division and channel`);
  }
  for (const [index, partner] of file.partners.entries()) {
    for (const channel of partner.channels) {
      if (!channelIds.has(channel)) problems.push(`partners.${index}.channels: unknown channel "${channel}"`);
    }
  }
  for (const [index, source] of file.sources.entries()) {
    unknownChannelsOf(source.channels, channelIds).forEach((message) => problems.push(`sources.${index}.channels: ${message}`));
  }
  if (problems.length > 0) throw new ConfigError(`config: ${configPath}: ${problems.join('; ')}`);
}

function partnerKeyFromEnv(name: string | undefined, env: NodeJS.ProcessEnv, where: string): string {
  // The schema asks for exactly one of key and keyEnv, so a partner without a key has keyEnv.
  if (name === undefined) throw new ConfigError(`config: ${where}: give exactly one of key and keyEnv`);
  const key = env[name];
  if (!key || key.length < 16)
    throw new ConfigError(`config: ${where}: environment variable ${name} must hold a key of at least 16 characters`);
  return key;
}

function findDuplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
