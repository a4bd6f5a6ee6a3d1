import { Queue, QueueEvents, Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import type { ProcessPayload, PublishPayload } from '../../../src/queues/payloads.js';
import { CoalescingRequests } from '../../../src/queues/coalescing-requests.js';
import { enqueuePublish } from '../../../src/queues/enqueue.js';
import { QUEUE } from '../../../src/queues/queue-names.js';
import { createRedisConnection, queueKeyPrefix } from '../../../src/queues/redis-connection.js';
import { ArticleDocuments } from '../../../src/store/article-documents.js';
import { ArticleRepository } from '../../../src/store/article-repository.js';
import { CardRepository } from '../../../src/store/card-repository.js';
import { StoreRetention } from '../../../src/store/store-retention.js';
import { createProcessProcessor } from '../../../src/workers/process/process.processor.js';
import { exampleGazetteer, exampleSegmenter } from '../../support/example-config.js';
import { uniquePrefix } from '../../support/redis.js';
import { HAS_REDIS_CLUSTER_TOOLS, keysPerMaster, startLocalCluster, type LocalCluster } from '../../support/redis-cluster.js';
import { shuffled } from '../../support/shuffled.js';
import { repostsOf, syntheticItems } from '../../support/synthetic-items.js';

const UNIQUE = 200;
const COPIES = 100;
const WORKERS = 4;

/**
 * The dedupe race of dedupe-concurrency.test.ts on a local Redis Cluster of three masters:
 * workers on their own connections see originals and copies in random order, and the store
 * keeps each story once, the original canonical, every copy recorded; retention then deletes
 * the articles' documents with them.
 */
describe.skipIf(!HAS_REDIS_CLUSTER_TOOLS)(
  `${WORKERS} process workers on a Redis Cluster, ${UNIQUE + COPIES} items of which ${COPIES} are copies (needs redis-server and redis-cli)`,
  () => {
    const prefix = uniquePrefix('dedupe-cluster');
    let cluster: LocalCluster | undefined;
    const connections: ReturnType<typeof createRedisConnection>[] = [];
    const workers: Worker[] = [];
    let articles: ArticleRepository;
    let cards: CardRepository;
    let publisher: CoalescingRequests | undefined;

    beforeAll(async () => {
      cluster = await startLocalCluster(3);
      const connect = () => {
        const connection = createRedisConnection({ cluster: cluster!.nodes }, 'dedupe-cluster-test');
        connections.push(connection);
        return connection;
      };
      const redis = connect();
      articles = new ArticleRepository(redis, prefix);
      cards = new CardRepository(redis, prefix);
      const config = loadConfig({});
      const queue = new Queue<ProcessPayload>(QUEUE.process, { connection: redis, prefix: queueKeyPrefix(redis, prefix, QUEUE.process) });
      const publishQueue = new Queue<PublishPayload>(QUEUE.publish, {
        connection: redis,
        prefix: queueKeyPrefix(redis, prefix, QUEUE.publish),
      });
      publisher = new CoalescingRequests((ids) => enqueuePublish(publishQueue, ids));
      const processor = createProcessProcessor({
        settings: { channels: config.channels, gazetteer: exampleGazetteer(), dedupe: config.dedupe, hostAliases: config.urls.hostAliases },
        articles,
        cards,
        segment: exampleSegmenter(),
        publisher,
        log: pino({ level: 'silent' }),
      });
      for (let i = 0; i < WORKERS; i++) {
        const connection = connect();
        workers.push(
          new Worker(QUEUE.process, processor, { connection, prefix: queueKeyPrefix(connection, prefix, QUEUE.process), concurrency: 4 }),
        );
      }
      const eventsConnection = connect();
      const events = new QueueEvents(QUEUE.process, {
        connection: eventsConnection,
        prefix: queueKeyPrefix(eventsConnection, prefix, QUEUE.process),
      });
      await events.waitUntilReady();
      const originals = syntheticItems(UNIQUE);
      const jobs = await queue.addBulk(
        shuffled([...originals, ...repostsOf(originals, COPIES)], 7).map((data) => ({ name: 'process-item', data })),
      );
      await Promise.all(jobs.map((job) => job.waitUntilFinished(events)));
      await events.close();
      await queue.close();
      await publishQueue.close();
    }, 120_000);

    afterAll(async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await publisher?.close();
      await Promise.all(connections.map((connection) => connection.quit().catch(() => undefined)));
      await cluster?.stop();
    });

    it('stores exactly the unique stories, each once in every feed', async () => {
      expect(await articles.countFeed('channel:all')).toBe(UNIQUE);
      const all = await articles.getMany(await articles.listFeed('channel:all', 2 * UNIQUE));
      expect(new Set(all.map((article) => article.title)).size).toBe(UNIQUE);
    });

    it('records every copy on the original, which stays canonical', async () => {
      const all = await articles.getMany(await articles.listFeed('channel:all', 2 * UNIQUE));
      expect(all.reduce((sum, article) => sum + article.alsoPublishedBy.length, 0)).toBe(COPIES);
      expect(all.filter((article) => article.source.id !== 'bench-feed')).toEqual([]);
    });

    it('keeps one document per article, spread over the masters, and retention deletes them with the articles', async () => {
      const documents = async () => [...(await keysPerMaster(cluster!.nodes, `${prefix}:doc:*`)).values()];
      const before = await documents();
      expect(before.reduce((a, b) => a + b)).toBe(UNIQUE);
      expect(before.filter((count) => count > 0).length).toBeGreaterThan(1);
      const summary = await new StoreRetention(connections[0]!, articles.keys, articles, cards).run(Date.now() + 60_000);
      expect(summary.expired).toBe(UNIQUE);
      expect((await documents()).reduce((a, b) => a + b)).toBe(0);
      expect(await articles.countFeed('channel:all')).toBe(0);
    });

    it('deletes a document no article names once it has been left idle, never a fresh one', async () => {
      const redis = connections[0]!;
      const orphan = articles.keys.document('0123456789abcdef', 'feedfacefeedface');
      await redis.set(orphan, '{}');
      const summary = await new StoreRetention(redis, articles.keys, articles, cards).run(0);
      expect(summary.orphanDocuments).toBe(0);
      expect(await redis.exists(orphan)).toBe(1);
      expect(await new ArticleDocuments(redis, articles.keys).deleteOrphans(0)).toBe(1);
      expect(await redis.exists(orphan)).toBe(0);
    });
  },
);
