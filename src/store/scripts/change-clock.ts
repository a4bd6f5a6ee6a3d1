// Redis Lua; kept in a .ts module so that the build carries it along with the code.
/**
 * A Lua function the store's writing scripts start with: change_time(prefix) returns the time of
 * this write as microseconds since the epoch, by the Redis server's clock, made strictly greater
 * than every time it returned before (`<prefix>:change-clock` keeps the last). The `changes`
 * indexes are scored with it, so a write made after a reader's page was read always sorts after
 * that page: a sync cursor is never passed by an article that arrives late. Doubles hold these
 * integers exactly (1.7e15 < 2^53); %.0f writes them without an exponent.
 *
 * refile(prefix, old, old_feeds, new, new_feeds, published) takes `old` out of the feed and
 * change indexes of old_feeds and enters `new` in those of new_feeds (feed ids joined by ','),
 * at `published` ms in the feed indexes and at the time of this write in the change indexes.
 */
export const CHANGE_CLOCK_LUA = `
local function change_time(prefix)
  local now = redis.call('TIME')
  local t = tonumber(now[1]) * 1000000 + tonumber(now[2])
  local last = tonumber(redis.call('GET', prefix .. ':change-clock') or '0')
  if t <= last then t = last + 1 end
  local text = string.format('%.0f', t)
  redis.call('SET', prefix .. ':change-clock', text)
  return text
end
local function refile(prefix, old, old_feeds, new, new_feeds, published)
  for feed in string.gmatch(old_feeds, '[^,]+') do
    redis.call('ZREM', prefix .. ':index:' .. feed, old)
    redis.call('ZREM', prefix .. ':changes:' .. feed, old)
  end
  local changed = change_time(prefix)
  for feed in string.gmatch(new_feeds, '[^,]+') do
    redis.call('ZADD', prefix .. ':index:' .. feed, published, new)
    redis.call('ZADD', prefix .. ':changes:' .. feed, changed, new)
  end
end
`;
