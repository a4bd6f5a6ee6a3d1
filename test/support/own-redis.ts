import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { pingRedis } from '../../src/app/resolve-redis.js';
import { waitFor } from './wait-for.js';

/** Whether a `redis-server` is on PATH, for the tests that stop and start a Redis of their own. */
export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;

/** A Redis of the test's own, with AOF, that it can stop and start again on the same port. */
export class OwnRedis {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', ''],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(() => pingRedis(this.url, 200), { what: 'the test’s redis-server up' });
  }
  async stop(): Promise<void> {
    const child = this.child;
    if (child?.exitCode !== null) return;
    await new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM'));
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
