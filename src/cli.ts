import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createLogger } from './app/create-logger.js';
import { loadConfig } from './config/load-config.js';
import { extractPage } from './app/extract-command.js';
import { describeQueues, formatTable } from './ops/queue-status.js';
import { serve } from './app/serve.js';
import { runImport } from './producers/import/run-import.js';
import { readSourceStatuses } from './ops/source-status.js';
import { QUEUE, QUEUE_NAMES, type QueueName } from './queues/queue-names.js';
import { openQueues } from './queues/queue-set.js';
import { ALL_ROLES, startRoles } from './app/start-roles.js';
import { resolveRedis } from './app/resolve-redis.js';
import { SourceStateRepository } from './store/source-state-repository.js';

const USAGE = `usage: syndicator <command> [options]

commands:
  start                          all roles in one process: workers, scheduler, HTTP server
  worker [--queues fetch,process,publish] [--no-scheduler]
                                 queue workers only (and the source scheduler unless --no-scheduler)
  server                         the HTTP server only (feeds, API, dashboard, metrics)
  status                         job counts of each queue
  sources                        configured sources and their fetch state
  extract <file-or-url>... [--json]
                                 extract the article of HTML pages and print it
  import <path>... [--source ID] run RSS/Atom/JSON Feed files, HTML pages and JSON Lines of
                                 articles through the pipeline (default source: import)
  bench [extract|regions|pipeline|dedupe|feeds]...
                                 the benchmark (as npm run bench; needs the dev dependencies)

environment: SYNDICATOR_CONFIG (config file; default the bundled example), REDIS_URL, PORT (8080), LOG_LEVEL
`;

/** Runs one `syndicator` command with its arguments. */
export async function runCli(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    await runCommand(command, rest);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

async function runCommand(command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case 'start':
      return serve(loadConfig(), ALL_ROLES);
    case 'worker': {
      const { values } = parseArgs({ args, options: { queues: { type: 'string' }, 'no-scheduler': { type: 'boolean' } } });
      return serve(loadConfig(), { workers: parseQueues(values.queues), scheduler: !values['no-scheduler'], server: false });
    }
    case 'server':
      return serve(loadConfig(), { workers: [], scheduler: false, server: true });
    case 'status':
      return withRedis(async (redis, prefix) => {
        const queues = openQueues(redis, prefix);
        process.stdout.write(await describeQueues(queues.all));
        await queues.close();
      });
    case 'sources':
      return printSources();
    case 'extract':
      return printExtracted(args);
    case 'import':
      return importFiles(args);
    case 'bench':
      return runBench(args);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return;
    default:
      throw new Error(`syndicator: unknown command "${command}"\n\n${USAGE}`);
  }
}

function parseQueues(list: string | undefined): QueueName[] {
  if (!list) return QUEUE_NAMES;
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !QUEUE_NAMES.includes(name as QueueName));
  if (unknown.length > 0) throw new Error(`syndicator: unknown queue(s) ${unknown.join(', ')}; use ${QUEUE_NAMES.join(', ')}`);
  return names as QueueName[];
}

async function withRedis(use: (redis: Redis, prefix: string) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const resolved = await resolveRedis(config.redis.url, 'data');
  const redis = new Redis(resolved.url, { maxRetriesPerRequest: null });
  try {
    await use(redis, config.redis.prefix);
  } finally {
    await redis.quit();
    await resolved.stop();
  }
}

async function printSources(): Promise<void> {
  const config = loadConfig();
  await withRedis(async (redis, prefix) => {
    const statuses = await readSourceStatuses(config.sources, new SourceStateRepository(redis, prefix));
    const rows = statuses.map(({ id, kind, intervalSeconds, state }) => [
      id,
      kind,
      `${intervalSeconds}s`,
      state.lastStatus ?? 'never',
      state.lastSuccessAt ?? '-',
      String(state.errorCount),
      state.nextPollAt ?? '-',
      state.lastError ?? '',
    ]);
    process.stdout.write(formatTable(['source', 'kind', 'every', 'last', 'last success', 'errors', 'next poll', 'last error'], rows));
  });
}

async function importFiles(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { source: { type: 'string', default: 'import' } } });
  if (positionals.length === 0) throw new Error('syndicator import: name at least one file');
  const config = loadConfig();
  const log = createLogger(config, 'warn');
  const resolved = await resolveRedis(config.redis.url, 'data');
  const app = await startRoles(config, { workers: [QUEUE.process, QUEUE.publish], scheduler: false, server: false }, resolved.url, log);
  const connection = new Redis(resolved.url, { maxRetriesPerRequest: null });
  const queues = openQueues(connection, config.redis.prefix);
  try {
    const report = await runImport(
      { paths: positionals, defaultSourceId: values.source, sources: config.sources },
      queues,
      connection,
      config.redis.prefix,
    );
    const { created, updated, unchanged, duplicate, failed } = report.verdicts;
    process.stdout.write(
      `imported ${report.queued} items: ${created} created, ${updated} updated, ${unchanged} unchanged, ${duplicate} duplicates, ${failed} failed\n`,
    );
    for (const error of report.errors) process.stderr.write(`${error}\n`);
    if (report.errors.length > 0) process.exitCode = 1;
  } finally {
    await queues.close();
    await connection.quit();
    await app.close();
    await resolved.stop();
  }
}

/** Runs bench/run-bench.ts with tsx, from the project root, passing the sections through. */
async function runBench(sections: string[]): Promise<void> {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run-bench.ts', ...sections], { cwd: root, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
  if (code !== 0) throw new Error(`syndicator bench: exited with ${code} (the bench needs the dev dependencies: npm install)`);
}

async function printExtracted(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (positionals.length === 0) throw new Error('syndicator extract: name at least one HTML file or URL');
  const pages = [];
  for (const input of positionals) pages.push(await extractPage(input));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(pages, null, 2)}\n`);
    return;
  }
  for (const page of pages) {
    process.stdout.write(
      `# ${page.title}\n${page.file}\n${page.publishedAt ?? '(no time)'}  来源: ${page.originalSource ?? '-'}  作者: ${page.authors.join(' ') || '-'}  编辑: ${page.editor ?? '-'}\n\n${page.contentText}\n\n`,
    );
  }
}
