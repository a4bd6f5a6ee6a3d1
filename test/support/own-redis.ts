import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { waitFor } from './wait-for.js';

/** Whether a `redis-server` is on PATH, for the tests that stop and start a Redis of their own. */
export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;

/**
 * A Redis of the test's own, with AOF, that it can stop and start again on the same port. Test
 * files run side by side, so a free port may be taken by another file's Redis between the pick
 * and the bind: the server that answers must be this one (its process id), else a new port is
 * picked (on the first start only: a restart keeps the port the app was given).
 */
export class OwnRedis {
  private child: ChildProcess | undefined;
  private port = 0;
  private started = false;

  constructor(private readonly dir: string) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server, unless it runs already. */
  async start(): Promise<void> {
    if (this.child?.exitCode === null) return;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (!this.started) this.port = await freePort();
      const child = spawn(
        'redis-server',
        ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', ''],
        { stdio: 'ignore' },
      );
      this.child = child;
      await waitFor(async () => child.exitCode !== null || (await answeringPid(this.url)) === child.pid, {
        what: 'the test’s redis-server up',
      });
      if (child.exitCode === null) {
        this.started = true;
        return;
      }
      if (this.started) break;
    }
    throw new Error(`the test’s redis-server could not listen on ${this.port}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child?.exitCode !== null) return;
    await new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM'));
  }
}

/** The process id of the Redis answering at `url`, if one answers. */
async function answeringPid(url: string): Promise<number | undefined> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 200, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return Number(/process_id:(\d+)/.exec(await client.info('server'))?.[1]);
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

/** A TCP port free on 127.0.0.1 at the moment of asking. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
