// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { CHANGE_CLOCK_LUA } from './change-clock.js';
import { DECLARED_KEYS_LUA } from './declared-keys.js';

/**
 * On Redis Cluster, where an article's postings lie in other slots than its list of terms, a
 * write of its search terms is three steps (spread-search-writes.ts): this script, the postings
 * (POST_SEARCH_TERMS_LUA, once per group of them), FINISH_SEARCH_TERMS_LUA. This one takes the article's lease (one writer
 * of its postings at a time) and, for a write, makes its list of terms the union of the old terms
 * and the new, marked pending ('!' first): before any posting is written the list already names
 * it, so a remove, or a write that finds the list pending after a crash, reaches every posting.
 * KEYS (declared-keys.ts): groups listed (words:<id>), article, lease.
 * ARGV[1] the layout of KEYS, ARGV[2] lease token, ARGV[3] lease ms, ARGV[4] 'write', 'ensure'
 * (only when the article's terms are not fully written) or 'remove', ARGV[5] new terms joined by ','
 * Returns {'busy'}: another writer holds the lease | {'done'}: ensure, and the terms are written |
 * {'gone'}: the article is not stored (nothing written, lease not held) | {'held', old term...}:
 * the lease is held, and these are the terms the list named.
 */
export const BEGIN_SEARCH_TERMS_LUA = `${DECLARED_KEYS_LUA}
if not redis.call('SET', key('lease'), ARGV[2], 'NX', 'PX', ARGV[3]) then return {'busy'} end
local listed = redis.call('GET', key('listed'))
local pending = listed and string.sub(listed, 1, 1) == '!'
local function release(reply)
  redis.call('DEL', key('lease'))
  return reply
end
if ARGV[4] == 'ensure' and listed and not pending then return release({'done'}) end
if ARGV[4] ~= 'remove' and redis.call('EXISTS', key('article')) == 0 then return release({'gone'}) end
local old, union, named = {}, {}, {}
for term in string.gmatch(listed or '', '[^,!]+') do
  old[#old + 1] = term
  union[#union + 1] = term
  named[term] = true
end
if ARGV[4] ~= 'remove' then
  for term in string.gmatch(ARGV[5], '[^,]+') do
    if not named[term] then union[#union + 1] = term end
  end
  redis.call('SET', key('listed'), '!' .. table.concat(union, ','))
end
return {'held', unpack(old)}
`;

/**
 * The last step of a write or remove of an article's search terms on Redis Cluster, once its
 * postings are written: a write sets the list to exactly the new terms and enters the article in
 * search-changes at the time of this write; a remove deletes the list and that entry. Either
 * ends the lease. A write whose article is no longer stored keeps the lease: its caller takes
 * its postings out again and finishes as a remove.
 * KEYS (declared-keys.ts): groups listed, article, changes (search-changes), clock, lease.
 * ARGV[1] the layout of KEYS, ARGV[2] lease token, ARGV[3] article id, ARGV[4] 'write' or
 * 'remove', ARGV[5] the new terms joined by ','
 * Returns 'written' | 'removed' | 'gone' (a write, the article not stored) | 'lost': the lease
 * expired before this step (nothing written).
 */
export const FINISH_SEARCH_TERMS_LUA = `${DECLARED_KEYS_LUA}${CHANGE_CLOCK_LUA}
if redis.call('GET', key('lease')) ~= ARGV[2] then return 'lost' end
if ARGV[4] == 'write' then
  if redis.call('EXISTS', key('article')) == 0 then return 'gone' end
  redis.call('SET', key('listed'), ARGV[5])
  redis.call('ZADD', key('changes'), change_time(key('clock')), ARGV[3])
  redis.call('DEL', key('lease'))
  return 'written'
end
redis.call('DEL', key('listed'))
redis.call('ZREM', key('changes'), ARGV[3])
redis.call('DEL', key('lease'))
return 'removed'
`;

/**
 * The middle step on Redis Cluster, once per group of postings (a slot): enters the article in
 * the postings of one group's new terms and takes it out of those of its dropped ones.
 * KEYS (declared-keys.ts): groups added, dropped (postings). ARGV[1] the layout of KEYS, ARGV[2] article id
 * Returns 1.
 */
export const POST_SEARCH_TERMS_LUA = `${DECLARED_KEYS_LUA}
for _, postings in ipairs(keys('added')) do redis.call('ZADD', postings, 0, ARGV[2]) end
for _, postings in ipairs(keys('dropped')) do redis.call('ZREM', postings, ARGV[2]) end
return 1
`;
