// Redis Lua; kept in a .ts module so that the build carries it along with the code.
export const RECORD_EVENTS_LUA = `
-- Counts a batch of reading events, grouped by the caller, in one call.
-- KEYS: every key the batch names; the JSON names each by its index in KEYS (1-based).
-- ARGV[1] JSON: {max: events per reader per minute, profileTtl: ms, profileSize, hotTtl: s, readersTtl: s,
--   groups: [[readers key (HyperLogLog of an article's hour), article id, [hot-set keys]]],
--   readers: [[reader id, rate key, reads key, [[group index (1-based), time ms], ...]]]}
-- A reader's events past max in the current minute are a flood and not counted; the rest are
-- added to the HyperLogLogs of their article-hours, and each changed article-hour sets its
-- count in the hot sets of its channels to the distinct readers it holds (PFCOUNT, within 1%).
-- Returns {counted, floods, changed group indexes...}: counted is the growth of the counts.
local batch = cjson.decode(ARGV[1])
local members = {}
local floods = 0
for _, reader in ipairs(batch.readers) do
  local id, rate, reads, events = reader[1], KEYS[reader[2]], KEYS[reader[3]], reader[4]
  local sent = redis.call('INCRBY', rate, #events)
  if sent == #events then redis.call('EXPIRE', rate, 60) end
  local allowed = math.max(0, math.min(#events, batch.max - (sent - #events)))
  floods = floods + #events - allowed
  if allowed > 0 then
    local scored = {}
    for i = 1, allowed do
      local group, at = events[i][1], events[i][2]
      members[group] = members[group] or {}
      table.insert(members[group], id)
      table.insert(scored, at)
      table.insert(scored, batch.groups[group][2])
    end
    redis.call('ZADD', reads, unpack(scored))
    redis.call('ZREMRANGEBYRANK', reads, 0, -batch.profileSize - 1)
    redis.call('PEXPIRE', reads, batch.profileTtl)
  end
end
local counted = 0
local result = { 0, floods }
for group, ids in pairs(members) do
  local readers, article = KEYS[batch.groups[group][1]], batch.groups[group][2]
  local before = redis.call('PFCOUNT', readers)
  for i = 1, #ids, 1000 do
    redis.call('PFADD', readers, unpack(ids, i, math.min(i + 999, #ids)))
  end
  redis.call('EXPIRE', readers, batch.readersTtl)
  local after = redis.call('PFCOUNT', readers)
  if after > before then
    counted = counted + after - before
    table.insert(result, group)
    for _, hot in ipairs(batch.groups[group][3]) do
      redis.call('ZADD', KEYS[hot], after, article)
      redis.call('EXPIRE', KEYS[hot], batch.hotTtl)
    end
  end
end
result[1] = counted
return result
`;
