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
-- KEYS[1] the stored index (it names the article store's slot: on Redis Cluster every key
-- built here from ARGV[1] carries the same hash tag)
-- ARGV[1] prefix, ARGV[2] old id, ARGV[3] new id, ARGV[4] what article:<new id> is to hold (JSON,
-- or on Redis Cluster a document's version), ARGV[5] new published ms,
-- ARGV[6] old feed ids ',', ARGV[7] new feed ids ',', ARGV[8] new item key hash, ARGV[9] new url hash,
-- ARGV[10] new content hash, ARGV[11] old item key hash, ARGV[12] old url hash, ARGV[13] old content hash,
-- ARGV[14] JSON copy record of the new article (to take off the old one's list),
-- ARGV[15] JSON copy record of the old article, ARGV[16] new band keys ',', ARGV[17] bucket cap,
-- ARGV[18] new first seen ms
-- Returns 'replaced' | 'gone' | 'changed' | 'exists' | 'conflict'. 'gone': another copy has
-- replaced the old article meanwhile; 'changed': the old id holds another version than the one
-- the caller read (its item updated, or another item of its URL in its place). Either way the
-- caller reads the article that stands there now and decides again.
local p, old, new = ARGV[1], ARGV[2], ARGV[3]
local same = old == new
if redis.call('EXISTS', p .. ':article:' .. old) == 0 then return 'gone' end
if redis.call('GET', p .. ':item:' .. ARGV[11]) ~= old .. '|' .. ARGV[13] .. '|own' then return 'changed' end
if not same and redis.call('EXISTS', p .. ':article:' .. new) == 1 then return 'exists' end
local new_item = p .. ':item:' .. ARGV[8]
local recorded_on, recorded_hash, role = string.match(redis.call('GET', new_item) or '', '^([^|]*)|([^|]*)|([^|]*)$')
if role ~= 'copy' or recorded_hash ~= ARGV[10] or current(p, recorded_on) ~= old then return 'conflict' end
redis.call('LREM', p .. ':also:' .. old, 0, ARGV[14])
if not same and redis.call('EXISTS', p .. ':also:' .. old) == 1 then
  redis.call('RENAME', p .. ':also:' .. old, p .. ':also:' .. new)
end
redis.call('RPUSH', p .. ':also:' .. new, ARGV[15])
redis.call('SET', p .. ':article:' .. new, ARGV[4])
if not same then
  redis.call('DEL', p .. ':article:' .. old)
  redis.call('ZREM', p .. ':stored', old)
  redis.call('SET', p .. ':merged:' .. old, new)
end
redis.call('ZADD', p .. ':stored', ARGV[18], new)
refile(p, old, ARGV[6], new, ARGV[7], ARGV[5])
redis.call('SET', p .. ':url:' .. ARGV[9], new)
redis.call('SET', p .. ':url:' .. ARGV[12], new)
redis.call('SET', p .. ':content:' .. ARGV[10], new)
redis.call('SET', p .. ':content:' .. ARGV[13], new)
redis.call('SET', new_item, new .. '|' .. ARGV[10] .. '|own')
redis.call('SET', p .. ':item:' .. ARGV[11], new .. '|' .. ARGV[13] .. '|copy')
local cap = tonumber(ARGV[17])
for band in string.gmatch(ARGV[16], '[^,]+') do
  local key, field = string.match(band, '^(.+)%.([^.]+)$')
  local bucket = p .. ':lsh:' .. key
  local ids = redis.call('HGET', bucket, field)
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
  redis.call('HSET', bucket, field, kept)
end
return 'replaced'
`;
