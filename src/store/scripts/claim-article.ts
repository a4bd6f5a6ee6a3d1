// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { CHANGE_CLOCK_LUA } from './change-clock.js';
import { CURRENT_ARTICLE_LUA } from './current-article.js';

export const CLAIM_ARTICLE_LUA = `${CURRENT_ARTICLE_LUA}${CHANGE_CLOCK_LUA}
-- Claims an article atomically: the checks that no copy exists and the writes that store it
-- happen in one step, so two workers holding two copies of a story store it once.
-- KEYS (declared-keys.ts): groups item, url, content (the item's claim keys), stored, clock,
-- buckets (the item's LSH band buckets), newIndexes, newChanges (its feeds'); ids with kinds
-- article, merged, also: the article's own id, and every id the caller has met.
-- ARGV[1] the layout of KEYS, ARGV[2] article id, ARGV[3] what article:<id> holds (its JSON, or
-- on Redis Cluster the version of its document: article-documents.ts), ARGV[4] content hash,
-- ARGV[5] published ms, ARGV[6] JSON record of this copy, ARGV[7] the field of each bucket,
-- joined by ',', ARGV[8] candidate ids already examined joined by ',', ARGV[9] how many ids one
-- band bucket keeps, ARGV[10] first seen ms, ARGV[11] how many candidates count (0: all)
-- A bucket is a field of a hash, holding ids joined by ','.
-- Every id found (url and content keys, bucket entries) is taken as the article it stands for
-- now (current): a key may still name an article that an earlier copy has since replaced.
-- Candidates are ranked by how many of the item's buckets hold them (more shared bands, more
-- similar text; ties by id), and only the best ARGV[11] count: a stream of stories from one
-- template shares a band or two with hundreds of stored ones, a copy shares many.
-- Returns {'item', value} | {'duplicate', id, 'url'|'content'} | {'candidates', id...} | {'created', id}
-- | {'unwritten'}: ARGV[3] is empty and the item would be created (the caller writes its document
-- and claims again, so that items seen before never cost a document) | {'undeclared', id...}:
-- ids met whose keys were not declared; nothing was written.
local item = redis.call('GET', key('item'))
if item then return {'item', item} end
local function claimed(claim)
  local id = redis.call('GET', claim)
  if not id then return nil end
  return current(id)
end
local existing, matched_by = claimed(key('url')), 'url'
if not existing then existing, matched_by = claimed(key('content')), 'content' end
if #unmet_ids > 0 then return undeclared() end
if existing then
  settle()
  redis.call('SET', key('item'), existing .. '|' .. ARGV[4] .. '|copy')
  redis.call('RPUSH', key_for('also', existing), ARGV[6])
  return {'duplicate', existing, matched_by}
end
-- Near duplicates: the best-ranked articles of the shared LSH buckets that the caller has not
-- yet compared, best first.
local examined = {}
for id in string.gmatch(ARGV[8], '[^,]+') do examined[id] = true end
local buckets, fields = keys('buckets'), {}
for field in string.gmatch(ARGV[7], '[^,]+') do fields[#fields + 1] = field end
local shared, found, live = {}, {}, {}
for i, bucket in ipairs(buckets) do
  local ids = redis.call('HGET', bucket, fields[i])
  if ids then
    local counted = {}
    for entry in string.gmatch(ids, '[^,]+') do
      if live[entry] == nil then live[entry] = current(entry) or false end
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
if #unmet_ids > 0 then return undeclared() end
settle()
table.sort(found, function(a, b)
  if shared[a] ~= shared[b] then return shared[a] > shared[b] end
  return a < b
end)
local best = tonumber(ARGV[11])
if best <= 0 or best > #found then best = #found end
local fresh = {'candidates'}
for i = 1, best do
  if not examined[found[i]] then fresh[#fresh + 1] = found[i] end
end
if #fresh > 1 then return fresh end
if ARGV[3] == '' then return {'unwritten'} end
local id = ARGV[2]
redis.call('SET', key('item'), id .. '|' .. ARGV[4] .. '|own')
redis.call('SET', key('url'), id)
redis.call('SET', key('content'), id)
redis.call('SET', key_for('article', id), ARGV[3])
redis.call('ZADD', key('stored'), ARGV[10], id)
local none = {indexes = {}, changes = {}}
refile(id, none, id, {indexes = keys('newIndexes'), changes = keys('newChanges')}, ARGV[5], key('clock'))
local cap = tonumber(ARGV[9])
for i, bucket in ipairs(buckets) do
  local ids = redis.call('HGET', bucket, fields[i])
  local kept, count = id, 1
  if ids then
    for other in string.gmatch(ids, '[^,]+') do
      if count >= cap then break end
      kept = kept .. ',' .. other
      count = count + 1
    end
  end
  redis.call('HSET', bucket, fields[i], kept)
end
return {'created', id}
`;
