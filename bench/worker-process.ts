import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../test/support/paths.js';
import { waitFor } from '../test/support/wait-for.js';

/**
 * `syndicator worker --queues process,publish --no-scheduler` as an OS process of its own, run
 * from the sources with tsx the way test/support/app-process.ts runs its processes, but with
 * node flags of the bench's choosing before the loader (`--cpu-prof` is refused in NODE_OPTIONS).
 */
export class WorkerProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  private readonly exited: Promise<number | null>;

  constructor({ cwd, env, nodeFlags = [] }: { cwd: string; env: Record<string, string>; nodeFlags?: readonly string[] }) {
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const entry = path.join(ROOT, 'test', 'support', 'cli-entry.ts');
    this.child = spawn(
      process.execPath,
      [...nodeFlags, '--import', tsx, entry, 'worker', '--queues', 'process,publish', '--no-scheduler'],
      { cwd, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the process printed its banner; throws with what it printed if it exited instead. */
  async running(): Promise<void> {
    await waitFor(() => this.stdout.includes('Syndicator is running') || !this.alive, {
      what: 'the worker process started',
      timeoutMs: 60_000,
    });
    if (!this.alive) throw new Error(`a worker process exited at start with ${this.child.exitCode}: ${this.stderr || this.stdout}`);
  }

  /** SIGTERM (the graceful shutdown: running jobs finish, connections close); resolves with the exit code. */
  async terminate(): Promise<number | null> {
    if (this.alive) this.child.kill('SIGTERM');
    return this.exited;
  }

  /** SIGKILL, for a run that failed half-way. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }
}
