// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { CHANGE_CLOCK_LUA } from './change-clock.js';

/**
 * Writes an article's search terms: its id into the postings of each term (word:<term>, a sorted
 * set whose scores are all 0: most terms are rare, and a small sorted set is a compact listpack
 * where a set of strings is a hash table, half the memory per article measured), out of those of the terms it no longer has, the list of its terms (words:<id>, what removing
 * it reads), and its entry in search-changes at the time of this write. An article no longer
 * stored (replaced or expired since it was saved) is not indexed: nothing would remove it.
 * KEYS[1] the article's list of terms (words:<id>, in the article store's slot),
 * ARGV[1] key prefix, ARGV[2] article id, ARGV[3] terms joined by ',',
 * ARGV[4] 'write', or 'ensure': only when the article has no terms written yet
 * Returns 1 when it wrote, 0 when not.
 */
export const WRITE_SEARCH_TERMS_LUA = `${CHANGE_CLOCK_LUA}
local p, id = ARGV[1], ARGV[2]
local listed = p .. ':words:' .. id
if ARGV[4] == 'ensure' and redis.call('EXISTS', listed) == 1 then return 0 end
if redis.call('EXISTS', p .. ':article:' .. id) == 0 then return 0 end
local terms = {}
for term in string.gmatch(ARGV[3], '[^,]+') do terms[term] = true end
for term in string.gmatch(redis.call('GET', listed) or '', '[^,]+') do
  if not terms[term] then redis.call('ZREM', p .. ':word:' .. term, id) end
end
for term in pairs(terms) do redis.call('ZADD', p .. ':word:' .. term, 0, id) end
redis.call('SET', listed, ARGV[3])
redis.call('ZADD', p .. ':search-changes', change_time(p), id)
return 1
`;

/**
 * Removes an article from the search index: from the postings of every term it has, with its
 * list of terms and its search-changes entry.
 * KEYS[1] the article's list of terms, ARGV[1] key prefix, ARGV[2] article id
 */
export const REMOVE_SEARCH_TERMS_LUA = `
local p, id = ARGV[1], ARGV[2]
local listed = p .. ':words:' .. id
for term in string.gmatch(redis.call('GET', listed) or '', '[^,]+') do
  redis.call('ZREM', p .. ':word:' .. term, id)
end
redis.call('DEL', listed)
redis.call('ZREM', p .. ':search-changes', id)
return 1
`;
