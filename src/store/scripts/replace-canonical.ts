// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { CHANGE_CLOCK_LUA } from './change-clock.js';
import { CURRENT_ARTICLE_LUA } from './current-article.js';

export const REPLACE_CANONICAL_LUA = `${CURRENT_ARTICLE_LUA}${CHANGE_CLOCK_LUA}
-- Makes a copy that was published earlier the canonical article of its story (DESIGN.md: the
-- first-published copy is canonical). The claim has just recorded the new item as a copy of
-- the stored article (or of one this article has since replaced); this turns the roles round in
-- one step: the new article is stored and indexed, the old one becomes a copy recorded on it,
-- and every key that pointed to the old id points to the new one. The old id keeps answering
-- through merged:<old id>. When both have one id (one canonical URL), the new item's version
-- takes the article's place under that id.
-- KEYS (declared-keys.ts): groups stored, clock, newItem, oldItem, newUrl, oldUrl, newContent,
-- oldContent (the claims of both), oldIndexes, oldChanges, newIndexes, newChanges (feeds),
-- buckets (the new item's LSH band buckets); ids with kinds article, merged, also: the old and
-- the new id, and any other the caller has met.
-- ARGV[1] the layout of KEYS, ARGV[2] old id, ARGV[3] new id, ARGV[4] what article:<new id> is
-- to hold (JSON, or on Redis Cluster a document's version), ARGV[5] new published ms,
-- ARGV[6] new content hash, ARGV[7] old content hash, ARGV[8] JSON copy record of the new
-- article (to take off the old one's list), ARGV[9] JSON copy record of the old article,
-- ARGV[10] the field of each bucket joined by ',', ARGV[11] bucket cap, ARGV[12] new first seen ms
-- Returns 'replaced' | 'gone' | 'changed' | 'exists' | 'conflict' | {'undeclared', id...}.
-- 'gone': another copy has replaced the old article meanwhile; 'changed': the old id holds
-- another version than the one the caller read (its item updated, or another item of its URL in
-- its place). Either way the caller reads the article that stands there now and decides again.
local old, new = ARGV[2], ARGV[3]
local same = old == new
if redis.call('EXISTS', key_for('article', old)) == 0 then return 'gone' end
if redis.call('GET', key('oldItem')) ~= old .. '|' .. ARGV[7] .. '|own' then return 'changed' end
if not same and redis.call('EXISTS', key_for('article', new)) == 1 then return 'exists' end
local recorded_on, recorded_hash, role = string.match(redis.call('GET', key('newItem')) or '', '^([^|]*)|([^|]*)|([^|]*)$')
if role ~= 'copy' or recorded_hash ~= ARGV[6] then return 'conflict' end
local on = current(recorded_on)
if on == false then return undeclared() end
if on ~= old then return 'conflict' end
settle()
local old_also, new_also = key_for('also', old), key_for('also', new)
redis.call('LREM', old_also, 0, ARGV[8])
if not same and redis.call('EXISTS', old_also) == 1 then redis.call('RENAME', old_also, new_also) end
redis.call('RPUSH', new_also, ARGV[9])
redis.call('SET', key_for('article', new), ARGV[4])
if not same then
  redis.call('DEL', key_for('article', old))
  redis.call('ZREM', key('stored'), old)
  redis.call('SET', key_for('merged', old), new)
end
redis.call('ZADD', key('stored'), ARGV[12], new)
local old_feeds = {indexes = keys('oldIndexes'), changes = keys('oldChanges')}
refile(old, old_feeds, new, {indexes = keys('newIndexes'), changes = keys('newChanges')}, ARGV[5], key('clock'))
redis.call('SET', key('newUrl'), new)
redis.call('SET', key('oldUrl'), new)
redis.call('SET', key('newContent'), new)
redis.call('SET', key('oldContent'), new)
redis.call('SET', key('newItem'), new .. '|' .. ARGV[6] .. '|own')
redis.call('SET', key('oldItem'), new .. '|' .. ARGV[7] .. '|copy')
local cap, fields = tonumber(ARGV[11]), {}
for field in string.gmatch(ARGV[10], '[^,]+') do fields[#fields + 1] = field end
for i, bucket in ipairs(keys('buckets')) do
  local ids = redis.call('HGET', bucket, fields[i])
  local kept, count = new, 1
  if ids then
    for other in string.gmatch(ids, '[^,]+') do
      if count >= cap then break end
      if other ~= old and other ~= new then
        kept = kept .. ',' .. other
        count = count + 1
      end
    end
  end
  redis.call('HSET', bucket, fields[i], kept)
end
return 'replaced'
`;
