import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import type { Source, SourceExtractionRules, SourceKind } from '../domain/source.js';
import { sourceSchema } from './source-schema.js';

/** A source as the config file writes it (and the admin API and the CLI take it): `interval: 10m`, no resolved paths. */
export interface SourceFields {
  id: string;
  name: string;
  kind: SourceKind;
  url: string;
  interval: string;
  encoding?: string | undefined;
  channels: string[];
  allowOrigins: string[];
  linkSelector?: string | undefined;
  rules?: SourceExtractionRules | undefined;
  fullText?: boolean | undefined;
  maxPages?: number | undefined;
}

/** One source read from outside input: the source, or what is wrong with it, each problem as `field: message`. */
export type SourceInputResult = { ok: true; source: Source } | { ok: false; problems: string[] };

/** Problems reported at once: the first few say enough. */
const MAX_PROBLEMS = 5;

/**
 * Validates one source with the config file's own schema (so the messages are the ones a wrong
 * YAML entry gets, without the file and line) and the channels it names against `channelIds`;
 * returns the source, its relative paths resolved against `baseDir`.
 */
export function parseSourceInput(input: unknown, channelIds: ReadonlySet<string>, baseDir: string): SourceInputResult {
  const parsed = sourceSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: describeSourceIssues(parsed.error.issues) };
  const problems = unknownChannelsOf(parsed.data.channels, channelIds).map((message) => `channels: ${message}`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, source: sourceFromFile(parsed.data, baseDir) };
}

/** Each issue as `field.path: message`, as the config file's errors name them. */
export function describeSourceIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.slice(0, MAX_PROBLEMS).map((issue) => `${issue.path.map(String).join('.') || 'source'}: ${issue.message}`);
}

/** `unknown channel "x"` for each channel named that is not configured. */
export function unknownChannelsOf(channels: readonly string[], channelIds: ReadonlySet<string>): string[] {
  return channels.filter((channel) => !channelIds.has(channel)).map((channel) => `unknown channel "${channel}"`);
}

/** A source entry the schema has checked, as the app uses it: its URL resolved, its interval in ms. */
export function sourceFromFile(entry: z.output<typeof sourceSchema>, baseDir: string): Source {
  // allowPrivateNetwork never gets this far with a value: the schema refuses any.
  const { interval, ...source } = entry;
  return { ...source, url: resolveSourceUrl(source.url, baseDir), intervalMs: interval };
}

/** Local paths are relative to the config file; URLs stay as they are. */
export function resolveSourceUrl(url: string, baseDir: string): string {
  if (/^(https?|file):/i.test(url)) return url;
  return pathToFileURL(path.resolve(baseDir, url)).href;
}

/** Returns a source as the config file would write it (what export prints and an edit starts from). */
export function fieldsOfSource(source: Source): SourceFields {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    url: source.url,
    interval: formatDuration(source.intervalMs),
    ...(source.encoding === undefined ? {} : { encoding: source.encoding }),
    channels: [...source.channels],
    allowOrigins: [...source.allowOrigins],
    ...(source.linkSelector === undefined ? {} : { linkSelector: source.linkSelector }),
    ...(source.rules === undefined ? {} : { rules: source.rules }),
    ...(source.fullText === undefined ? {} : { fullText: source.fullText }),
    ...(source.maxPages === undefined ? {} : { maxPages: source.maxPages }),
  };
}

const UNITS: [suffix: string, ms: number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** A duration in ms as the config writes it: `1d`, `2h`, `10m`, `30s`, else `1500ms`. */
export function formatDuration(ms: number): string {
  const unit = UNITS.find(([, size]) => ms % size === 0);
  return unit ? `${ms / unit[1]}${unit[0]}` : `${ms}ms`;
}
