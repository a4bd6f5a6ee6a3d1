import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../test/support/paths.js';

/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  /** Microseconds on the monotonic clock, the same as process.hrtime's in every process of this machine. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One function (by name and file) and the time the sampled stacks spent in it, itself on top. */
export interface SelfTime {
  name: string;
  file: string;
  /** The function's line, when every sample of it was of one function (anonymous ones apart). */
  line: number | undefined;
  /** Microseconds of self time within the window. */
  us: number;
  samples: number;
}

export interface WindowCosts {
  /** Every sample within the window, idle included. */
  samples: number;
  idleSamples: number;
  /** Microseconds the window covered, and the microseconds not idle. */
  windowUs: number;
  busyUs: number;
  /** Self time per function, highest first, `(idle)` left out. */
  functions: SelfTime[];
  /** Whether the window lay within the profile (the clocks agreed); if not, the whole profile was counted. */
  windowed: boolean;
}

/**
 * Self time per function (name + file) of the samples taken between `fromUs` and `toUs`
 * (process.hrtime in µs): each sample counts for the time until the next one.
 */
export function selfTimes(file: string, fromUs: number, toUs: number): WindowCosts {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const times: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((t += Math.max(0, delta)));
  const windowed = fromUs >= profile.startTime && toUs <= profile.endTime && fromUs < toUs;
  const [from, to] = windowed ? [fromUs, toUs] : [profile.startTime, profile.endTime];

  const byFunction = new Map<string, SelfTime>();
  let samples = 0;
  let idleSamples = 0;
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const at = times[i]!;
    if (at < from || at > to) continue;
    const frame = frames.get(profile.samples[i]!)!;
    const us = Math.max(0, (times[i + 1] ?? profile.endTime) - at);
    samples++;
    if (frame.functionName === '(idle)') {
      idleSamples++;
      continue;
    }
    busyUs += us;
    const name = frame.functionName || '(anonymous)';
    const where = shortPath(frame.url);
    const key = `${name}\u0000${where}`;
    const entry = byFunction.get(key) ?? { name, file: where, line: frame.lineNumber + 1, us: 0, samples: 0 };
    if (entry.line !== frame.lineNumber + 1) entry.line = undefined;
    entry.us += us;
    entry.samples++;
    byFunction.set(key, entry);
  }
  return {
    samples,
    idleSamples,
    windowUs: to - from,
    busyUs,
    functions: [...byFunction.values()].sort((a, b) => b.us - a.us),
    windowed,
  };
}

/** `src/workers/process/x.ts`, `bullmq/dist/esm/classes/worker.js`, `node:internal/…`; `` for V8's and node's native code. */
function shortPath(url: string): string {
  if (url === '') return '';
  if (!url.startsWith('file://')) return url;
  const file = fileURLToPath(url);
  const modules = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (modules >= 0) return file.slice(modules + '/node_modules/'.length);
  return path.relative(ROOT, file);
}

/** The costs of several threads' profiles of one window as one: samples, busy time and functions summed. */
export function mergeCosts(costs: readonly WindowCosts[]): WindowCosts {
  const byFunction = new Map<string, SelfTime>();
  for (const { functions } of costs) {
    for (const f of functions) {
      const key = `${f.name}\u0000${f.file}`;
      const entry = byFunction.get(key);
      if (!entry) byFunction.set(key, { ...f });
      else {
        entry.us += f.us;
        entry.samples += f.samples;
        if (entry.line !== f.line) entry.line = undefined;
      }
    }
  }
  return {
    samples: costs.reduce((sum, c) => sum + c.samples, 0),
    idleSamples: costs.reduce((sum, c) => sum + c.idleSamples, 0),
    windowUs: Math.max(0, ...costs.map((c) => c.windowUs)),
    busyUs: costs.reduce((sum, c) => sum + c.busyUs, 0),
    functions: [...byFunction.values()].sort((a, b) => b.us - a.us),
    windowed: costs.every((c) => c.windowed),
  };
}
