import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import {
  assertNoCrash,
  assertWithinBudget,
  CALL_BUDGET_MS,
  fasterOf,
  fuzzParameters,
  type Outcome,
  spentMs,
  Unfinished,
} from './check-call.js';

/** V8's default stack limit for the main thread (--stack-size=984 KB), so that deep recursion overflows here as it does there. */
const MAIN_THREAD_STACK_MB = 984 / 1024;
/** Past this, a call is stopped: its worker is terminated and the call counts as a hang. */
const HARD_LIMIT_MS = 3 * CALL_BUDGET_MS;

/** The error a call threw in the worker, as plain data (a thrown Error does not cross threads with its class and cause). */
interface ThrownData {
  name: string;
  message: string;
  stack?: string | undefined;
  cause?: ThrownData | undefined;
}
type Reply = { ok: true; value: unknown; ms: number; cpuMs: number } | { ok: false; error: ThrownData; ms: number; cpuMs: number };

/**
 * The worker: loads the module through tsx, says it is ready, then answers each message
 * `{ args }` with the outcome of the export called on them (awaited when it is a promise),
 * timed with performance.now() and process.cpuUsage() (the process's CPU time: while the call
 * runs, the test's own thread only waits for it).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const plain = (error) => error instanceof Error
  ? { name: error.name, message: error.message, stack: error.stack, cause: error.cause instanceof Error ? plain(error.cause) : undefined }
  : { name: 'non-Error', message: String(error) };
import(workerData.tsxApi)
  .then(({ tsImport }) => tsImport(workerData.module, workerData.module))
  .then((loaded) => {
    const fn = loaded[workerData.name];
    parentPort.on('message', async ({ args }) => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const spent = () => {
        const used = process.cpuUsage(cpu);
        return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
      };
      try {
        const value = await fn(...args);
        parentPort.postMessage({ ok: true, value, ...spent() });
      } catch (error) {
        parentPort.postMessage({ ok: false, error: plain(error), ...spent() });
      }
    });
    parentPort.postMessage('ready');
  });
`;

const BUILTINS: Record<string, new (message: string) => Error> = {
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

function rebuild(data: ThrownData): unknown {
  if (data.name === 'non-Error') return data.message;
  const error = new (BUILTINS[data.name] ?? Error)(data.message);
  if (!(data.name in BUILTINS)) error.name = data.name;
  error.stack = data.stack;
  if (data.cause) error.cause = rebuild(data.cause);
  return error;
}

/**
 * One exported function of a source module, called in a worker thread, so that a call that
 * runs away (a quadratic loop on a large input) can be stopped after HARD_LIMIT_MS; a fresh
 * worker serves the next call. Synchronous code in the test's own thread cannot be stopped,
 * not even by vitest's timeout.
 */
export class IsolatedFunction {
  private worker: Promise<Worker> | undefined;

  constructor(
    private readonly moduleUrl: URL,
    private readonly name: string,
  ) {}

  /**
   * Calls the function on `args` (structured-cloneable) and returns the outcome; a call that
   * finished over the budget is made once more and the faster run counts (see callTimed).
   */
  async call(args: readonly unknown[]): Promise<Outcome<unknown>> {
    const first = await this.callOnce(args);
    const finished = first.ok || !(first.error instanceof Unfinished);
    return finished && spentMs(first) > CALL_BUDGET_MS ? fasterOf(first, await this.callOnce(args)) : first;
  }

  private async callOnce(args: readonly unknown[]): Promise<Outcome<unknown>> {
    const worker = await (this.worker ??= this.start());
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.removeAllListeners('message');
        this.worker = undefined;
        void worker.terminate();
        resolve({
          ok: false,
          error: new Unfinished(`the call was still running after ${HARD_LIMIT_MS} ms and was stopped`),
          ms: HARD_LIMIT_MS,
        });
      }, HARD_LIMIT_MS);
      worker.once('message', (reply: Reply) => {
        clearTimeout(timer);
        resolve(reply.ok ? reply : { ok: false, error: rebuild(reply.error), ms: reply.ms, cpuMs: reply.cpuMs });
      });
      worker.postMessage({ args });
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const worker = await this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Promise<Worker> {
    const tsxApi = pathToFileURL(
      path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
    ).href;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { tsxApi, module: this.moduleUrl.href, name: this.name },
      // A worker's stack is 4 MB by default; the main thread, where the processors run, has about 1 MB.
      resourceLimits: { stackSizeMb: MAIN_THREAD_STACK_MB },
    });
    return new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => resolve(worker));
    });
  }
}

/**
 * Asserts, for `runs` inputs drawn from `inputs`, that the exported function `name` of
 * `moduleUrl`, called in a worker on `argsOf(input)`, neither crashes (see assertNoCrash) nor
 * takes over the budget.
 */
export async function assertIsolatedCalls<T>(
  target: { moduleUrl: URL; name: string; stages: readonly string[] },
  inputs: fc.Arbitrary<T>,
  argsOf: (input: T) => readonly unknown[],
  runs: number,
): Promise<void> {
  const isolated = new IsolatedFunction(target.moduleUrl, target.name);
  try {
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        const outcome = await isolated.call(argsOf(input));
        assertNoCrash(outcome, target.stages);
        assertWithinBudget(outcome);
      }),
      fuzzParameters(runs),
    );
  } finally {
    await isolated.close();
  }
}
