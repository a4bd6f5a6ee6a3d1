import type { Redis, Result } from 'ioredis';
import type { Source } from '../domain/source.js';
import {
  CHANGES_KEPT,
  deletedSourceSchema,
  sourceChangeSchema,
  sourceRecordSchema,
  type DeletedSource,
  type SourceChange,
  type SourceRecord,
} from './source-records.js';
import { keyLayoutOf, StoreKeys } from './store-keys.js';
import { decodeStored } from './stored-values.js';

/**
 * Writes one source's record if it still is what the caller read. KEYS[1] the registry, KEYS[2]
 * the deleted sources; ARGV: id, the record expected ('' none, '*' any), the new record ('' to
 * delete it), the deletion to record ('' none, '-' to forget one), '1' to refuse a deleted id.
 * Returns 1 when written, 0 when the record changed meanwhile, -1 when the id was deleted.
 */
const WRITE_SOURCE_LUA = `
if ARGV[5] == '1' and redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return -1 end
local current = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if ARGV[2] ~= '*' and current ~= ARGV[2] then return 0 end
if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
if ARGV[4] == '-' then redis.call('HDEL', KEYS[2], ARGV[1]) elseif ARGV[4] ~= '' then redis.call('HSET', KEYS[2], ARGV[1], ARGV[4]) end
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeSource(
      registry: string,
      deleted: string,
      id: string,
      expected: string,
      record: string,
      deletion: string,
      refuseDeleted: '0' | '1',
    ): Result<number, Context>;
  }
}

/** A record as read, with the exact JSON it was read as: what a later conditional write compares with. */
export interface ReadRecord {
  record: SourceRecord;
  json: string;
}

/** What became of a conditional write. */
export type WriteOutcome = 'written' | 'conflict' | 'deleted';

/**
 * The sources in force, in Redis: one hash field per source (a checked JSON record), and the
 * ids deleted at runtime, so that the config file does not bring them back. Every write is
 * conditional on the record the caller read (compare-and-set in one script), so a start that
 * applies the config file never undoes a change made meanwhile through the API or the CLI.
 */
export class SourceRepository {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
    redis.defineCommand('writeSource', { numberOfKeys: 2, lua: WRITE_SOURCE_LUA });
  }

  /** Returns every source in force, in listing order (the config file's order, then the order added). */
  async list(): Promise<ReadRecord[]> {
    const key = this.keys.sourceRegistry();
    const fields = await this.redis.hgetall(key);
    return Object.entries(fields)
      .map(([id, json]) => ({ record: decodeStored(sourceRecordSchema, json, `${key} ${id}`), json }))
      .sort((a, b) => a.record.order - b.record.order || a.record.source.id.localeCompare(b.record.source.id));
  }

  /** Returns one source's record, or undefined when no such source is in force. */
  async get(id: string): Promise<ReadRecord | undefined> {
    const key = this.keys.sourceRegistry();
    const json = await this.redis.hget(key, id);
    return json === null ? undefined : { record: decodeStored(sourceRecordSchema, json, `${key} ${id}`), json };
  }

  /** Returns a source in force as it is now, and whether it is paused (what each fetch job looks up). */
  async find(id: string): Promise<{ source: Source; paused: boolean } | undefined> {
    const read = await this.get(id);
    return read && { source: read.record.source, paused: read.record.paused };
  }

  /** Returns the sources deleted at runtime, by id. */
  async deleted(): Promise<Map<string, DeletedSource>> {
    const key = this.keys.deletedSources();
    const fields = await this.redis.hgetall(key);
    return new Map(Object.entries(fields).map(([id, json]) => [id, decodeStored(deletedSourceSchema, json, `${key} ${id}`)]));
  }

  /** Whether a source of this id was deleted at runtime (and not added again since). */
  async wasDeleted(id: string): Promise<boolean> {
    return (await this.redis.hexists(this.keys.deletedSources(), id)) === 1;
  }

  /** Adds a source that is not in force; a deletion of its id is forgotten. */
  async create(record: SourceRecord): Promise<WriteOutcome> {
    return this.write(record.source.id, '', JSON.stringify(record), '-', false);
  }

  /** Adds a source of the config file, unless its id is in force or was deleted at runtime. */
  async seed(record: SourceRecord): Promise<WriteOutcome> {
    return this.write(record.source.id, '', JSON.stringify(record), '', true);
  }

  /** Replaces a record if it is still the one read. */
  async replace(read: ReadRecord, record: SourceRecord): Promise<WriteOutcome> {
    return this.write(record.source.id, read.json, JSON.stringify(record), '', false);
  }

  /** Takes a source out of force if it is still as read; with `deletion`, records that it was deleted (the config file then leaves it out). */
  async remove(read: ReadRecord, deletion?: DeletedSource): Promise<WriteOutcome> {
    return this.write(read.record.source.id, read.json, '', deletion ? JSON.stringify(deletion) : '', false);
  }

  /** Appends a change to the change log (the newest CHANGES_KEPT are kept), whichever process made it. */
  async recordChange(change: SourceChange): Promise<void> {
    const key = this.keys.sourceChanges();
    await this.redis
      .multi()
      .lpush(key, JSON.stringify(change))
      .ltrim(key, 0, CHANGES_KEPT - 1)
      .exec();
  }

  /** Returns the latest changes, newest first. */
  async changes(limit: number): Promise<SourceChange[]> {
    const key = this.keys.sourceChanges();
    return (await this.redis.lrange(key, 0, limit - 1)).map((json) => decodeStored(sourceChangeSchema, json, key));
  }

  private async write(id: string, expected: string, record: string, deletion: string, refuseDeleted: boolean): Promise<WriteOutcome> {
    const result = await this.redis.writeSource(
      this.keys.sourceRegistry(),
      this.keys.deletedSources(),
      id,
      expected,
      record,
      deletion,
      refuseDeleted ? '1' : '0',
    );
    return result === 1 ? 'written' : result === 0 ? 'conflict' : 'deleted';
  }
}
