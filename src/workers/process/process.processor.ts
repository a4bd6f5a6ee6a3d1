import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Verdict } from '../../domain/verdict.js';
import { timeStageAsync, type StageObserver } from '../../domain/pipeline-stage.js';
import { ALL_CHANNEL_ID } from '../../domain/channel.js';
import { parsePayload, processPayloadSchema, type ProcessPayload } from '../../queues/payloads.js';
import { QUEUE } from '../../queues/queue-names.js';
import type { CoalescingRequests } from '../../queues/coalescing-requests.js';
import type { ArticleRepository } from '../../store/article-repository.js';
import type { CardRepository } from '../../store/card-repository.js';
import type { SearchIndex } from '../../store/search-index.js';
import { cardWithKeywords } from './keywords/card-of.js';
import { indexForSearch } from './index-for-search.js';
import type { Segmenter } from './keywords/extract-keywords.js';
import { createSketchCheck } from './dedupe/near-duplicate.js';
import { prepareItem, prepareTools, type PreparedItem } from './prepare-item.js';
import type { Preparer } from './prepare-pool.js';
import type { ProcessSettings } from './process-item.js';

export interface ProcessProcessorDeps {
  settings: ProcessSettings;
  articles: ArticleRepository;
  /** Where the cards of stored articles (keywords, places) go, for recommendation lists. */
  cards: CardRepository;
  /** The full-text index that `/api/articles?q=` reads; without one, articles are not indexed for search. */
  search?: Pick<SearchIndex, 'write' | 'ensure' | 'remove'>;
  /** Cuts text into words (jieba): one per process, it takes a moment to load. */
  segment: Segmenter;
  /** Where the CPU-heavy part runs (a pool of threads); without one, on this thread. */
  preparer?: Pick<Preparer, 'prepare'>;
  publisher: Pick<CoalescingRequests, 'request'>;
  log: Logger;
  /** Called with every verdict, for metrics. */
  onVerdict?: (verdict: Verdict) => void;
  /** Called with the time each stage took, for metrics. */
  observeStage?: StageObserver;
  /** Notes a stored article's fetch time, to measure when it reaches its channel feeds. */
  awaitFeeds?: (articleId: string, fetchedAt: string, channelIds: readonly string[]) => Promise<void>;
  /** Told of an item that failed for good (no retry left, or a permanent error): its source and why, so the source shows it. */
  onItemFailed?: (sourceId: string, message: string) => Promise<void>;
}

/**
 * Returns the `process` job handler: build the article from the raw item, store it through
 * the atomic claim (so a retried or repeated item never makes a second article), and ask for
 * a rebuild of the feeds it changed.
 */
export function createProcessProcessor(deps: ProcessProcessorDeps) {
  const tools = prepareTools(deps.settings, deps.segment);
  const checkSketch = createSketchCheck(tools.placeNames, deps.settings.dedupe);
  const preparer = deps.preparer;
  const prepare = (payload: ProcessPayload): Promise<PreparedItem> =>
    preparer ? preparer.prepare(payload) : Promise.resolve().then(() => prepareItem(payload, tools));
  const processItem = async (job: Job, payload: ProcessPayload): Promise<Verdict> => {
    const log = deps.log.child({ queue: QUEUE.process, job_id: job.id, source_id: payload.source.id });
    let prepared: PreparedItem;
    try {
      prepared = await prepare(payload);
    } catch (cause) {
      throw new UnrecoverableError(cause instanceof Error ? cause.message : String(cause));
    }
    const { article, removed, sketch, keywords, searchTerms, stages } = prepared;
    for (const [stage, seconds] of stages) deps.observeStage?.(stage, seconds);
    if (removed.length > 0) log.debug({ url: article.url, removed }, 'furniture removed');
    const near = checkSketch(sketch);
    const verdict = await timeStageAsync(deps.observeStage, 'store', () => deps.articles.save(article, near));
    deps.onVerdict?.(verdict);
    if (deps.search) await indexForSearch(deps.search, verdict, article.id, searchTerms);
    if (verdict.kind === 'created' || verdict.kind === 'updated') {
      await deps.cards.write(cardWithKeywords({ ...article, id: verdict.articleId }, keywords));
      if (verdict.kind === 'created' && verdict.supersedes) await deps.cards.remove(verdict.supersedes.articleId);
      const superseded = verdict.kind === 'created' ? (verdict.supersedes?.channelIds ?? []) : (verdict.previousChannelIds ?? []);
      const channelIds = [...article.channels.map((channel) => channel.id), ...superseded, ALL_CHANNEL_ID];
      if (verdict.kind === 'created') await deps.awaitFeeds?.(verdict.articleId, payload.fetchedAt, channelIds);
      deps.publisher.request(channelIds);
    }
    log.debug({ verdict: verdict.kind, article_id: verdict.articleId }, 'processed');
    return verdict;
  };
  return async (job: Job): Promise<Verdict> => {
    const payload = parsePayload(processPayloadSchema, job.data, QUEUE.process);
    try {
      return await processItem(job, payload);
    } catch (error) {
      if (isFinalFailure(job, error)) await reportFailure(deps, payload.source.id, error);
      throw error;
    }
  };
}

/** Whether BullMQ will not run the job again after this error: a permanent error, or its last attempt. */
function isFinalFailure(job: Job, error: unknown): boolean {
  return error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

async function reportFailure(deps: ProcessProcessorDeps, sourceId: string, error: unknown): Promise<void> {
  try {
    await deps.onItemFailed?.(sourceId, error instanceof Error ? error.message : String(error));
  } catch (cause) {
    // The item's own failure is what the job reports; not recording it on the source must not hide it.
    deps.log.warn({ err: cause, source_id: sourceId }, 'recording an item failure on its source failed');
  }
}
