import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cluster } from 'ioredis';
import { freePort } from './own-redis.js';
import { waitFor } from './wait-for.js';

/** Whether `redis-server` and `redis-cli` are on PATH, for the tests that start a Redis Cluster of their own. */
export const HAS_REDIS_CLUSTER_TOOLS =
  spawnSync('redis-server', ['--version']).status === 0 && spawnSync('redis-cli', ['--version']).status === 0;

/** A local Redis Cluster of masters only (no replicas), in a temporary directory, for one test file. */
export interface LocalCluster {
  /** The nodes as `127.0.0.1:port`, what `redis.cluster` takes. */
  nodes: string[];
  stop(): Promise<void>;
}

/**
 * Starts `masters` redis-server processes with `--cluster-enabled yes` on free ports, joins them
 * with `redis-cli --cluster create … --cluster-yes` (the 16,384 slots split evenly) and waits
 * until every node reports `cluster_state:ok`. `stop` ends the servers and deletes their files.
 */
export async function startLocalCluster(masters = 3): Promise<LocalCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'syndicator-cluster-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      ports.push(port);
      const nodeDir = path.join(dir, String(port));
      spawnSync('mkdir', ['-p', nodeDir]);
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', nodeDir, '--save', '', '--appendonly', 'no'];
      children.push(
        spawn('redis-server', [...args, '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'], { stdio: 'ignore' }),
      );
    }
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    await waitFor(
      () =>
        ports.every(
          (port) =>
            spawnSync('redis-cli', ['-p', String(port), 'ping'])
              .stdout.toString()
              .trim() === 'PONG',
        ),
      {
        what: 'the cluster nodes up',
      },
    );
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${created.stdout.toString()}${created.stderr.toString()}`);
    await waitFor(
      () =>
        ports.every((port) =>
          spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info'])
            .stdout.toString()
            .includes('cluster_state:ok'),
        ),
      { what: 'cluster_state:ok on every node' },
    );
    return { nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Returns, per master of the cluster, how many keys it holds that match `pattern`. */
export async function keysPerMaster(nodes: readonly string[], pattern: string): Promise<Map<string, number>> {
  const cluster = new Cluster(nodes.map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) })));
  try {
    await new Promise<void>((resolve, reject) => cluster.once('ready', resolve).once('error', reject));
    const counts = new Map<string, number>();
    for (const master of cluster.nodes('master')) {
      let count = 0;
      let cursor = '0';
      do {
        const [next, keys] = await master.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        count += keys.length;
        cursor = next;
      } while (cursor !== '0');
      counts.set(`${master.options.host ?? ''}:${master.options.port ?? ''}`, count);
    }
    return counts;
  } finally {
    cluster.disconnect();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM'));
}
