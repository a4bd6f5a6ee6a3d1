import type fc from 'fast-check';
import { expect } from 'vitest';

/** The longest a single parser call may take before it counts as a hang. */
export const CALL_BUDGET_MS = 1000;
/** Vitest's limit for one fuzz test: generous, so that the per-call budget is what fails. */
export const FUZZ_TEST_TIMEOUT_MS = 30_000;

/**
 * fast-check parameters for `numRuns` runs with the default (random) seed, which fast-check
 * prints on failure. Shrinking a slow counterexample can take minutes; after 12 s fast-check
 * stops and reports the smallest case found so far. (Runs still to make are skipped then too,
 * which fails the property: 12 s leaves a loaded machine room for the runs themselves, which
 * take 1–4 s on a quiet one.)
 */
export function fuzzParameters<T>(numRuns: number): fc.Parameters<T> {
  return { numRuns, skipAllAfterTimeLimit: 12_000 };
}

/**
 * What one call did: returned a value or threw, how long it took (`ms`, wall clock) and the CPU
 * time the process spent meanwhile (`cpuMs`). The budget holds the CPU time: on a loaded machine
 * a call waits for a core without working, and a call that runs away burns CPU all the while.
 */
export type Outcome<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & { ms: number; cpuMs?: number };

/** The time that counts against the budget: CPU time where it was measured, else wall time. */
export function spentMs(outcome: Outcome<unknown>): number {
  return outcome.cpuMs ?? outcome.ms;
}

/** Starts a stopwatch of wall and CPU time; calling the result reads both. */
export function stopwatch(): () => { ms: number; cpuMs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  };
}

/** Built-in errors that mean the parser itself broke, never that the input was bad. */
const BUILTIN_ERRORS = [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError] as const;

/**
 * Runs a synchronous call and returns its outcome; never throws. A call over the budget is
 * timed once more and the faster run counts: load from other test files on a shared machine
 * slows one run, a real hang slows both.
 */
export function callTimed<T>(call: () => T): Outcome<T> {
  const first = callTimedOnce(call);
  return spentMs(first) > CALL_BUDGET_MS ? fasterOf(first, callTimedOnce(call)) : first;
}

/** Of two outcomes of one call, the one that took less time. */
export function fasterOf<T>(first: Outcome<T>, second: Outcome<T>): Outcome<T> {
  return spentMs(second) < spentMs(first) ? second : first;
}

function callTimedOnce<T>(call: () => T): Outcome<T> {
  const read = stopwatch();
  try {
    const value = call();
    return { ok: true, value, ...read() };
  } catch (error) {
    return { ok: false, error, ...read() };
  }
}

/** Stands for a call that never finished: a promise that did not settle, or a call that was stopped. */
export class Unfinished extends Error {}

/**
 * Runs an asynchronous call and returns its outcome; never rejects. A promise still pending
 * after one and a half times the budget counts as a hang (and as a crash: the caller would wait forever).
 */
export async function callTimedAsync<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  const first = await callTimedAsyncOnce(call);
  const finished = first.ok || !(first.error instanceof Unfinished);
  return finished && spentMs(first) > CALL_BUDGET_MS ? fasterOf(first, await callTimedAsyncOnce(call)) : first;
}

async function callTimedAsyncOnce<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  const read = stopwatch();
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Unfinished(`the promise had not settled after ${1.5 * CALL_BUDGET_MS} ms`)), 1.5 * CALL_BUDGET_MS);
  });
  try {
    const value = await Promise.race([call(), pending]);
    return { ok: true, value, ...read() };
  } catch (error) {
    return { ok: false, error, ...read() };
  } finally {
    clearTimeout(timer);
  }
}

/** Fails when the call took longer than the budget. */
export function assertWithinBudget(outcome: Outcome<unknown>): void {
  if (!outcome.ok && outcome.error instanceof Unfinished) throw new Error(`hang: ${outcome.error.message}`);
  if (spentMs(outcome) > CALL_BUDGET_MS) {
    const cpu = outcome.cpuMs === undefined ? '' : ` of CPU (${outcome.ms.toFixed(0)} ms of wall clock)`;
    throw new Error(`hang: one call took ${spentMs(outcome).toFixed(0)} ms${cpu} (budget ${CALL_BUDGET_MS} ms)`);
  }
}

/**
 * Fails unless the call returned, or threw a plain `Error` whose message starts with one of
 * the stage prefixes (`feed: `) and goes on to name the problem.
 */
export function assertNoCrash(outcome: Outcome<unknown>, stages: readonly string[]): void {
  if (outcome.ok) return;
  const { error } = outcome;
  if (error instanceof Unfinished) throw new Error(`hang: ${error.message}`);
  if (!(error instanceof Error)) throw new Error(`crash: threw a non-Error: ${describe(error)}`);
  if (BUILTIN_ERRORS.some((builtin) => error instanceof builtin)) throw new Error(`crash: threw ${firstFrames(error)}`);
  const stage = stages.find((prefix) => error.message.startsWith(`${prefix}: `));
  if (!stage || error.message.slice(stage.length + 2).trim() === '') {
    throw new Error(`crash: error without a ${stages.map((prefix) => `"${prefix}: "`).join(' or ')} prefix: ${firstFrames(error)}`);
  }
  // A stage error that only wraps a TypeError or RangeError hides a crash (a dependency's or our own).
  if (error.cause instanceof TypeError || error.cause instanceof RangeError) {
    throw new Error(`crash: ${error.message.slice(0, 200)} wraps ${firstFrames(error.cause)}`);
  }
}

/** Fails unless two outcomes of the same input agree: deep-equal values, or the same error message. */
export function assertSameOutcome(first: Outcome<unknown>, second: Outcome<unknown>): void {
  if (first.ok && second.ok) {
    expect(second.value, 'nondeterminism: a second call returned a different value').toEqual(first.value);
    return;
  }
  const describeOutcome = (outcome: Outcome<unknown>) =>
    outcome.ok
      ? `returned ${describe(outcome.value)}`
      : `threw ${outcome.error instanceof Error ? outcome.error.message : describe(outcome.error)}`;
  if (first.ok !== second.ok || messageOf(first) !== messageOf(second)) {
    throw new Error(`nondeterminism: first call ${describeOutcome(first)}, second call ${describeOutcome(second)}`);
  }
}

function messageOf(outcome: Outcome<unknown>): string | undefined {
  if (outcome.ok) return undefined;
  return outcome.error instanceof Error ? outcome.error.message : describe(outcome.error);
}

/** The error's name, message and the first frames of its stack: where the parser broke. */
function firstFrames(error: Error): string {
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
  // The top frames say what broke; the first frames in src/ say which of our calls led there.
  const ours = frames.filter((line) => line.includes('/src/')).slice(0, 2);
  const shown = [...new Set([...frames.slice(0, 2), ...ours])];
  return [`${error.name}: ${error.message.slice(0, 300)}`, ...shown].join('\n');
}

function describe(value: unknown): string {
  try {
    // JSON.stringify gives undefined for undefined, functions and symbols, whatever its type says.
    const json = JSON.stringify(value) as string | undefined;
    return json?.slice(0, 300) ?? String(value);
  } catch {
    return String(value);
  }
}
