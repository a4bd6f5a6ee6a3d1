// Redis Lua; kept in a .ts module so that the build carries it along with the code.
/**
 * A Lua function the store's writing scripts start with: change_time(clock) returns the time of
 * this write as microseconds since the epoch, by the Redis server's clock, made strictly greater
 * than every time it returned before (the key `clock`, the store's change-clock, keeps the last).
 * The `changes` indexes are scored with it, so a write made after a reader's page was read always
 * sorts after that page: a sync cursor is never passed by an article that arrives late. Doubles
 * hold these integers exactly (1.7e15 < 2^53); %.0f writes them without an exponent.
 *
 * refile(old, old_feeds, new, new_feeds, published, clock) takes `old` out of the feed and change
 * indexes of old_feeds and enters `new` in those of new_feeds, at `published` ms in the feed
 * indexes and at the time of this write in the change indexes. A feeds argument is {indexes,
 * changes}: the keys of the feed indexes and, in the same order, of their change indexes
 * (feed-keys.ts, feedKeyGroups).
 */
export const CHANGE_CLOCK_LUA = `
local function change_time(clock)
  local now = redis.call('TIME')
  local t = tonumber(now[1]) * 1000000 + tonumber(now[2])
  local last = tonumber(redis.call('GET', clock) or '0')
  if t <= last then t = last + 1 end
  local text = string.format('%.0f', t)
  redis.call('SET', clock, text)
  return text
end
local function refile(old, old_feeds, new, new_feeds, published, clock)
  for i, index in ipairs(old_feeds.indexes) do
    redis.call('ZREM', index, old)
    redis.call('ZREM', old_feeds.changes[i], old)
  end
  local changed = change_time(clock)
  for i, index in ipairs(new_feeds.indexes) do
    redis.call('ZADD', index, published, new)
    redis.call('ZADD', new_feeds.changes[i], changed, new)
  end
end
`;
