import type { Article } from '../../domain/article.js';
import type { Keyword } from '../../domain/article-card.js';
import { timeStage, type PipelineStage, type StageObserver } from '../../domain/pipeline-stage.js';
import type { ProcessPayload } from '../../queues/payloads.js';
import { sketchArticleText, type TextSketch } from './dedupe/near-duplicate.js';
import { searchTermsOf } from '../../domain/search-terms.js';
import { keywordsOfWords, type Segmenter } from './keywords/extract-keywords.js';
import type { RemovedFurniture } from './normalize/strip-furniture.js';
import { buildArticle, type ProcessSettings } from './process-item.js';

/**
 * The CPU-heavy part of `process` for one item, done before anything is asked of Redis: the
 * article (normalized, placed in its channels), its text's sketch for near-duplicate search, and
 * its keywords. Plain data, so that it can be made on a pool thread and handed to the thread
 * that stores it.
 */
export interface PreparedItem {
  article: Article;
  removed: RemovedFurniture[];
  sketch: TextSketch;
  keywords: Keyword[];
  /** The terms its title and text are found by in a search (domain/search-terms.ts). */
  searchTerms: string[];
  /** Seconds each stage took, for the metrics of the process that stores the item. */
  stages: [PipelineStage, number][];
}

/** What preparing needs, made once per thread: settings, the segmenter and the city's place names. */
export interface PrepareTools {
  settings: ProcessSettings;
  segment: Segmenter;
  placeNames: readonly string[];
}

/** Builds the tools once: the gazetteer's place names are computed, not stored. */
export function prepareTools(settings: ProcessSettings, segment: Segmenter): PrepareTools {
  return { settings, segment, placeNames: settings.gazetteer.placeNames() };
}

/** Prepares one item (pure); throws what normalization throws on an item it cannot use. */
export function prepareItem(payload: ProcessPayload, tools: PrepareTools): PreparedItem {
  const stages: [PipelineStage, number][] = [];
  const observe: StageObserver = (stage, seconds) => stages.push([stage, seconds]);
  const { article, removed } = buildArticle(payload, tools.settings, observe);
  const sketch = timeStage(observe, 'dedupe', () =>
    sketchArticleText(article.title, article.contentText, tools.placeNames, tools.settings.dedupe),
  );
  // One segmentation of title and text serves both the keywords and the search terms.
  const { keywords, searchTerms } = timeStage(observe, 'keywords', () => {
    const titleWords = tools.segment(article.title);
    const textWords = tools.segment(article.contentText);
    return { keywords: keywordsOfWords(titleWords, textWords), searchTerms: searchTermsOf(titleWords, textWords) };
  });
  return { article, removed, sketch, keywords, searchTerms, stages };
}
