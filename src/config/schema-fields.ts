import { z } from 'zod';

/** `30s`, `10m`, `2h`, `1d`, or a number of seconds. */
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration such as `10m` into milliseconds; undefined when it is not one. */
export function parseDurationMs(value: string | number): number | undefined {
  if (typeof value === 'number') return value * 1000;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000);
}

/** A duration in the config file (`30s`, `10m`, `2h`, or seconds), as milliseconds. */
export const durationSchema = z.union([z.string(), z.number().positive()]).transform((value, ctx) => {
  const ms = parseDurationMs(value);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: `not a duration: ${JSON.stringify(value)} (use 30s, 10m, 2h)` });
    return z.NEVER;
  }
  return ms;
});

/** The id of a channel, source or partner. */
export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _');
