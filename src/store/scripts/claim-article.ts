// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { CHANGE_CLOCK_LUA } from './change-clock.js';
import { CURRENT_ARTICLE_LUA } from './current-article.js';

export const CLAIM_ARTICLE_LUA = `${CURRENT_ARTICLE_LUA}${CHANGE_CLOCK_LUA}
-- Claims an article atomically: the checks that no copy exists and the writes that store it
-- happen in one step, so two workers holding two copies of a story store it once.
-- KEYS[1] item key, KEYS[2] url key, KEYS[3] content key (on Redis Cluster the keys built
-- here from ARGV[1] carry the same hash tag: store-keys.ts)
-- ARGV[1] key prefix, ARGV[2] article id, ARGV[3] what article:<id> holds (its JSON, or on Redis
-- Cluster the version of its document: article-documents.ts), ARGV[4] content hash,
-- ARGV[5] published ms, ARGV[6] feed ids joined by ',', ARGV[7] JSON record of this copy,
-- ARGV[8] LSH band keys (band.shard.field) joined by ',', ARGV[9] candidate ids already
-- examined joined by ',', ARGV[10] how many ids one band bucket keeps, ARGV[11] first seen ms,
-- ARGV[12] how many candidates count (0: all)
-- A bucket is field <field> of hash <prefix>:lsh:<band>.<shard>, holding ids joined by ','.
-- Every id found (url and content keys, bucket entries) is taken as the article it stands for
-- now (current): a key may still name an article that an earlier copy has since replaced.
-- Candidates are ranked by how many of the item's buckets hold them (more shared bands, more
-- similar text; ties by id), and only the best ARGV[12] count: a stream of stories from one
-- template shares a band or two with hundreds of stored ones, a copy shares many.
-- Returns {'item', value} | {'duplicate', id, 'url'|'content'} | {'candidates', id...} | {'created', id}
-- | {'unwritten'}: ARGV[3] is empty and the item would be created (the caller writes its document
-- and claims again, so that items seen before never cost a document).
local prefix = ARGV[1]
local item = redis.call('GET', KEYS[1])
if item then return {'item', item} end
local function claimed(key)
  local id = redis.call('GET', key)
  return id and current(prefix, id)
end
local existing = claimed(KEYS[2])
local matched_by = 'url'
if not existing then
  existing = claimed(KEYS[3])
  matched_by = 'content'
end
if existing then
  redis.call('SET', KEYS[1], existing .. '|' .. ARGV[4] .. '|copy')
  redis.call('RPUSH', prefix .. ':also:' .. existing, ARGV[7])
  return {'duplicate', existing, matched_by}
end
-- Near duplicates: the best-ranked articles of the shared LSH buckets that the caller has not
-- yet compared, best first.
local examined = {}
for id in string.gmatch(ARGV[9], '[^,]+') do examined[id] = true end
local buckets = {}
for band in string.gmatch(ARGV[8], '[^,]+') do
  local key, field = string.match(band, '^(.+)%.([^.]+)$')
  buckets[#buckets + 1] = {prefix .. ':lsh:' .. key, field}
end
local shared, found, live = {}, {}, {}
for _, bucket in ipairs(buckets) do
  local ids = redis.call('HGET', bucket[1], bucket[2])
  if ids then
    local counted = {}
    for entry in string.gmatch(ids, '[^,]+') do
      if live[entry] == nil then live[entry] = current(prefix, entry) or false end
      local id = live[entry]
      if id and not counted[id] then
        counted[id] = true
        if not shared[id] then
          shared[id] = 0
          found[#found + 1] = id
        end
        shared[id] = shared[id] + 1
      end
    end
  end
end
table.sort(found, function(a, b)
  if shared[a] ~= shared[b] then return shared[a] > shared[b] end
  return a < b
end)
local best = tonumber(ARGV[12])
if best <= 0 or best > #found then best = #found end
local fresh = {'candidates'}
for i = 1, best do
  if not examined[found[i]] then fresh[#fresh + 1] = found[i] end
end
if #fresh > 1 then return fresh end
if ARGV[3] == '' then return {'unwritten'} end
local id = ARGV[2]
redis.call('SET', KEYS[1], id .. '|' .. ARGV[4] .. '|own')
redis.call('SET', KEYS[2], id)
redis.call('SET', KEYS[3], id)
redis.call('SET', prefix .. ':article:' .. id, ARGV[3])
redis.call('ZADD', prefix .. ':stored', ARGV[11], id)
refile(prefix, id, '', id, ARGV[6], ARGV[5])
local cap = tonumber(ARGV[10])
for _, bucket in ipairs(buckets) do
  local ids = redis.call('HGET', bucket[1], bucket[2])
  local kept, count = id, 1
  if ids then
    for other in string.gmatch(ids, '[^,]+') do
      if count >= cap then break end
      kept = kept .. ',' .. other
      count = count + 1
    end
  end
  redis.call('HSET', bucket[1], bucket[2], kept)
end
return {'created', id}
`;
