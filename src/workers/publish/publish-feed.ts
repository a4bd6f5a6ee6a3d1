import type { Logger } from 'pino';
import type { Article } from '../../domain/article.js';
import type { ArticleRepository } from '../../store/article-repository.js';
import type { FeedDemandRepository } from '../../store/feed-demand-repository.js';
import { FEED_FORMATS } from '../../domain/feed-format.js';
import { type RenderedFeedRepository, type RenderedVariant, type VariantState } from '../../store/rendered-feed-repository.js';
import type { FeedSpec } from '../../domain/feed-catalog.js';
import { pageUrl, variantKey, type PageVariant } from '../../domain/feed-paging.js';
import { headHashOf, signatureOf, versionOf, versionsOf } from './feed-signature.js';
import { planPages, rangeOf } from './plan-pages.js';
import { renderPage } from './render-page.js';

export interface FeedPublisherDeps {
  articles: Pick<ArticleRepository, 'listFeed' | 'countFeed' | 'getMany'>;
  rendered: RenderedFeedRepository;
  demand: Pick<FeedDemandRepository, 'list'>;
  /** Pings the hub with the URLs of a public feed whose default page changed. */
  notifyHub?: (hubUrl: string, topicUrls: string[]) => Promise<void>;
  log: Logger;
}

/** What publishing one feed did. */
export interface PublishOutcome {
  feedId: string;
  /** Pages rendered (0 when nothing had changed). */
  rendered: number;
  /** Whether the default page changed. */
  changed: boolean;
  /** Articles of the default page that are new there or have a new version since the last render. */
  changedArticles: Article[];
}

interface PlannedPage {
  variant: PageVariant;
  key: string;
  articles: Article[];
  previous: VariantState | undefined;
}

/**
 * Brings the stored pages of one feed up to date: reads its default page and the pages readers
 * asked for, renders those whose signature changed, stores them with the removal of pages no
 * longer wanted in one write, and pings the hub when the default page of a public feed changed.
 */
export async function publishFeed(deps: FeedPublisherDeps, spec: FeedSpec): Promise<PublishOutcome> {
  const { pages, count, stored } = await planFeed(deps, spec);
  const headHash = headHashOf(spec);
  const put: RenderedVariant[] = [];
  for (const page of pages) {
    const signature = signatureOf(headHash, page.variant, count, page.articles);
    if (page.previous?.signature === signature) continue;
    const state = { signature, headHash, count, versions: versionsOf(page.articles) };
    put.push({ key: page.key, state, documents: renderPage(spec, page.variant, count, page.articles) });
  }
  const wanted = new Set(pages.map((page) => page.key));
  const remove = stored.filter((key) => !wanted.has(key));
  await deps.rendered.write(spec.feedId, put, remove);
  const [first] = pages;
  if (!first) throw new Error(`publish: no default page planned for ${spec.feedId}`);
  const changed = put.some((variant) => variant.key === first.key);
  if (changed && spec.hub && deps.notifyHub) {
    await deps.notifyHub(
      spec.hub,
      FEED_FORMATS.map((format) => pageUrl(spec.baseUrl, format, first.variant, spec.defaultLimit)),
    );
  }
  return { feedId: spec.feedId, rendered: put.length, changed, changedArticles: changedSince(first) };
}

/**
 * Reads what the pages to keep rendered hold now, and what was rendered of them before: the
 * default page's ids and state come with the first round trip, so that a feed nobody pages
 * through costs three (this read, the articles, the write).
 */
async function planFeed(deps: FeedPublisherDeps, spec: FeedSpec): Promise<{ pages: PlannedPage[]; count: number; stored: string[] }> {
  const defaultKey = variantKey({ limit: spec.defaultLimit, page: 1 });
  const [count, demanded, stored, defaultIds, [defaultState]] = await Promise.all([
    deps.articles.countFeed(spec.indexId),
    deps.demand.list(spec.feedId),
    deps.rendered.storedVariants(spec.feedId),
    deps.articles.listFeed(spec.indexId, spec.defaultLimit),
    deps.rendered.getStates(spec.feedId, [defaultKey]),
  ]);
  const extra = planPages(spec.defaultLimit, demanded, count).slice(1);
  const extraKeys = extra.map(variantKey);
  const [extraStates, extraIds] = await Promise.all([
    deps.rendered.getStates(spec.feedId, extraKeys),
    Promise.all(extra.map((variant) => deps.articles.listFeed(spec.indexId, rangeOf(variant)[1], rangeOf(variant)[0]))),
  ]);
  const idLists = [defaultIds, ...extraIds];
  const byId = new Map((await deps.articles.getMany([...new Set(idLists.flat())])).map((article) => [article.id, article]));
  const variants = [{ limit: spec.defaultLimit, page: 1 }, ...extra];
  const states = [defaultState, ...extraStates];
  const pages = variants.map((variant, i) => ({
    variant,
    key: variantKey(variant),
    articles: (idLists[i] ?? []).flatMap((id) => byId.get(id) ?? []),
    previous: states[i],
  }));
  return { pages, count, stored };
}

function changedSince(page: PlannedPage): Article[] {
  const before = new Set(page.previous?.versions ?? []);
  return page.articles.filter((article) => !before.has(versionOf(article)));
}
