import type { Redis, Result } from 'ioredis';
import { keyLayoutOf, StoreKeys } from './store-keys.js';

/**
 * Takes a slot of a host's counting semaphore: drops the leases of holders that died (expired
 * scores), then adds the holder when fewer than the limit hold one. KEYS[1] the host's sorted
 * set; ARGV: holder, now (ms), lease expiry (ms), limit. Returns 1 when the slot is taken.
 */
const ACQUIRE_HOST_SLOT_LUA = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
-- The set lives as long as its longest lease, and not forever when every holder died.
local pttl = redis.call('PTTL', KEYS[1])
if pttl < 0 or tonumber(ARGV[2]) + pttl < tonumber(ARGV[3]) then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
return 1
`;

/** Deletes a lease only if the holder still has it: a lease that expired and was taken by another is left alone. */
const RELEASE_LEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    acquireHostSlot(key: string, holder: string, now: number, expiresAt: number, limit: number): Result<number, Context>;
    releaseLease(key: string, holder: string): Result<number, Context>;
  }
}

/**
 * The leases that keep fetching polite across every worker process: at most one poll of a
 * source at a time, and at most `perHost` requests at once against one host. Each lease
 * expires by itself, so a worker killed mid-fetch holds nothing for longer than `leaseMs`.
 */
export class FetchLeases {
  private readonly keys: StoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly perHost: number,
    private readonly leaseMs: number,
  ) {
    this.keys = new StoreKeys(prefix, keyLayoutOf(redis));
    redis.defineCommand('acquireHostSlot', { numberOfKeys: 1, lua: ACQUIRE_HOST_SLOT_LUA });
    redis.defineCommand('releaseLease', { numberOfKeys: 1, lua: RELEASE_LEASE_LUA });
  }

  /** Takes the source's poll lease for `holder`; false while another poll of the source runs. */
  async claimPoll(sourceId: string, holder: string): Promise<boolean> {
    return (await this.redis.set(this.keys.pollLease(sourceId), holder, 'PX', this.leaseMs, 'NX')) === 'OK';
  }

  async releasePoll(sourceId: string, holder: string): Promise<void> {
    await this.redis.releaseLease(this.keys.pollLease(sourceId), holder);
  }

  /** Takes one of the host's slots for `holder`; false when all are held. */
  async claimHostSlot(host: string, holder: string): Promise<boolean> {
    const now = Date.now();
    return (await this.redis.acquireHostSlot(this.keys.hostSlots(host), holder, now, now + this.leaseMs, this.perHost)) === 1;
  }

  async releaseHostSlot(host: string, holder: string): Promise<void> {
    await this.redis.zrem(this.keys.hostSlots(host), holder);
  }
}
