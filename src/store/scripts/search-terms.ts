// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { CHANGE_CLOCK_LUA } from './change-clock.js';
import { DECLARED_KEYS_LUA } from './declared-keys.js';

/**
 * Writes an article's search terms: its id into the postings of each term (word:<term>, a sorted
 * set whose scores are all 0: most terms are rare, and a small sorted set is a compact listpack
 * where a set of strings is a hash table, half the memory per article measured), out of those of
 * the terms it no longer has, the list of its terms (words:<id>, what removing it reads), and its
 * entry in search-changes at the time of this write. An article no longer stored (replaced or
 * expired since it was saved) is not indexed: nothing would remove it.
 * The hot path of the store (an article has some 500 terms): the new terms' postings come as one
 * group of KEYS in the order of ARGV[3], so that a new article's write is a plain loop; only an
 * article that had other terms builds a table of them, and has those it lost declared as ids.
 * KEYS (declared-keys.ts): groups listed (words:<id>), article, changes (search-changes), clock,
 * postings (of the terms in ARGV[3], in order); ids: old terms met, with kind word (their postings).
 * ARGV[1] the layout of KEYS, ARGV[2] article id, ARGV[3] terms joined by ',',
 * ARGV[4] 'write', or 'ensure': only when the article has no terms written yet
 * Returns 1 when it wrote, 0 when not, {'undeclared', term...}: old terms not declared (nothing written).
 */
export const WRITE_SEARCH_TERMS_LUA = `${DECLARED_KEYS_LUA}${CHANGE_CLOCK_LUA}
local id = ARGV[2]
if ARGV[4] == 'ensure' and redis.call('EXISTS', key('listed')) == 1 then return 0 end
if redis.call('EXISTS', key('article')) == 0 then return 0 end
local listed = redis.call('GET', key('listed'))
if listed and listed ~= ARGV[3] then
  local kept, dropped = {}, {}
  for term in string.gmatch(ARGV[3], '[^,]+') do kept[term] = true end
  for term in string.gmatch(listed, '[^,]+') do
    if not kept[term] then dropped[#dropped + 1] = key_for('word', term) end
  end
  if #unmet_ids > 0 then return undeclared() end
  for _, postings in ipairs(dropped) do redis.call('ZREM', postings, id) end
end
local first, count = declared.g.postings[1], declared.g.postings[2]
for i = first, first + count - 1 do redis.call('ZADD', KEYS[i], 0, id) end
redis.call('SET', key('listed'), ARGV[3])
redis.call('ZADD', key('changes'), change_time(key('clock')), id)
return 1
`;

/**
 * Removes an article from the search index: from the postings of every term it has, with its
 * list of terms and its search-changes entry.
 * KEYS (declared-keys.ts): groups listed, changes; ids: terms, with kind word.
 * ARGV[1] the layout of KEYS, ARGV[2] article id
 * Returns 1, or {'undeclared', term...}: terms not declared (nothing written).
 */
export const REMOVE_SEARCH_TERMS_LUA = `${DECLARED_KEYS_LUA}
local id = ARGV[2]
local postings = {}
for term in string.gmatch(redis.call('GET', key('listed')) or '', '[^,]+') do
  postings[#postings + 1] = key_for('word', term)
end
if #unmet_ids > 0 then return undeclared() end
for _, word in ipairs(postings) do redis.call('ZREM', word, id) end
redis.call('DEL', key('listed'))
redis.call('ZREM', key('changes'), id)
return 1
`;
