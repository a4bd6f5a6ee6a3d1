import type { ListItem } from '../../domain/recommendation-list.js';
import type { ListRepository, StoredList } from '../../store/list-repository.js';
import { compressDocument, etagOf } from '../../store/stored-document.js';
import { CHECK_DEADLINE_MS, checkedOrLastGood } from './last-good.js';
import { toServedDocument, type DocumentHeaders, type ServedDocument } from './served-document.js';

/** Renders the bytes of a list for a request: JSON for the API, HTML for a widget. */
export type RenderList = (items: readonly ListItem[]) => { text: string; headers: DocumentHeaders };

interface ListEntry {
  list: StoredList | undefined;
  checkedAt: number;
  /** By rendering key (`json:10`, `widget:5`): the served document of this version. */
  docs: Map<string, ServedDocument>;
}

/** Bounds the renderings kept per list (limits × kinds of rendering). */
const MAX_DOCS_PER_LIST = 128;

/**
 * Keeps precomputed lists in this process, as ServedFeedCache keeps feeds: a list's version is
 * read at most once per `ttlMs` (one HGET), its items reloaded only when the publish worker
 * changed them, and each rendering (a limit, JSON or a widget) is built once per version with
 * its ETag and compressed forms, so that a list GET costs what a cached feed GET does.
 */
export class ServedListCache {
  private readonly entries = new Map<string, ListEntry>();

  constructor(
    private readonly repository: Pick<ListRepository, 'version' | 'read'>,
    private readonly ttlMs = 250,
    private readonly now: () => number = Date.now,
    /** Whether Redis is connected: while it is not, lists are served from the last good version, unchecked. */
    private readonly storeReachable: () => boolean = () => true,
    /** How long a request waits for a due check before the last good version is served. */
    private readonly checkDeadlineMs = CHECK_DEADLINE_MS,
  ) {}

  /** Returns a rendering of a list, or undefined when the list was never computed. */
  async document(listId: string, renderingKey: string, render: RenderList): Promise<ServedDocument | undefined> {
    const entry = await this.freshEntry(listId);
    if (!entry.list) return undefined;
    const cached = entry.docs.get(renderingKey);
    if (cached) return cached;
    const { text, headers } = render(entry.list.items);
    const doc = servedText(text, headers);
    if (entry.docs.size >= MAX_DOCS_PER_LIST) entry.docs.clear();
    entry.docs.set(renderingKey, doc);
    return doc;
  }

  /** The items of a list (for-you falls back to hot lists), or an empty list before the first computation. */
  async items(listId: string): Promise<readonly ListItem[]> {
    return (await this.freshEntry(listId)).list?.items ?? [];
  }

  /** The list's entry, checked in Redis when due; with one at hand, as ServedFeedCache, never waiting on Redis past the deadline. */
  private async freshEntry(listId: string): Promise<ListEntry> {
    const entry = this.entries.get(listId);
    if (entry !== undefined && (this.now() - entry.checkedAt < this.ttlMs || !this.storeReachable())) return entry;
    const check = this.checkEntry(listId, entry);
    return entry ? checkedOrLastGood(check, entry, this.checkDeadlineMs) : check;
  }

  private async checkEntry(listId: string, entry: ListEntry | undefined): Promise<ListEntry> {
    const now = this.now();
    const knownVersion = entry?.list?.version;
    if (entry && knownVersion !== undefined && (await this.repository.version(listId)) === knownVersion) {
      entry.checkedAt = now;
      return entry;
    }
    const fresh: ListEntry = { list: await this.repository.read(listId), checkedAt: now, docs: new Map() };
    this.entries.set(listId, fresh);
    return fresh;
  }
}

/** Returns text as a served document: its strong ETag, gzip and brotli, and its headers. */
export function servedText(text: string, headers: DocumentHeaders, lastModified = new Date()): ServedDocument {
  const body = Buffer.from(text, 'utf8');
  const stored = compressDocument({ body, etag: etagOf(body), lastModified: lastModified.toUTCString() });
  return toServedDocument(stored, 0, headers);
}
