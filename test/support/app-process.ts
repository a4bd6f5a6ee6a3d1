import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.js';
import { waitFor } from './wait-for.js';

/** A `syndicator <command>` process of its own (run from the sources with tsx), with what it printed. */
export class AppProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  private readonly exited: Promise<number | null>;

  constructor(args: readonly string[], { cwd, env }: { cwd: string; env: Record<string, string> }) {
    // tsx by file URL: the process runs in its own directory, where the package would not be found by name.
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    this.child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'test', 'support', 'cli-entry.ts'), ...args], {
      cwd,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  async running(): Promise<void> {
    await waitFor(() => this.stdout.includes('Syndicator is running') || this.child.exitCode !== null, {
      what: 'the app process started',
      timeoutMs: 30_000,
    });
    if (this.child.exitCode !== null) throw new Error(`the app process exited with ${this.child.exitCode}: ${this.stderr || this.stdout}`);
  }

  /** Sends SIGTERM; resolves with the exit code and how long the exit took. */
  async terminate(): Promise<{ code: number | null; ms: number }> {
    const started = performance.now();
    this.child.kill('SIGTERM');
    const code = await this.exited;
    return { code, ms: performance.now() - started };
  }

  /** `kill -9`: the process gets no chance to finish or hand back anything. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
