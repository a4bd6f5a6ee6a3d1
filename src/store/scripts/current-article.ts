// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { DECLARED_KEYS_LUA } from './declared-keys.js';

/**
 * Lua functions the store's scripts start with (after DECLARED_KEYS_LUA): current(id) returns
 * the id of the stored article that `id` stands for now, nil when there is none, or false when
 * it met an id whose `article` and `merged` keys were not declared (noted for undeclared()). An
 * article replaced by an earlier-published copy leaves merged:<id> pointing to that copy, which
 * may in turn have been replaced; url, content and item keys, LSH buckets and a worker's
 * candidate read a moment ago may all still name the replaced one. settle() points every merged
 * key passed on the way at the end, so chains stay short: a script calls it once it has met no
 * undeclared id, before its other writes.
 */
export const CURRENT_ARTICLE_LUA = `${DECLARED_KEYS_LUA}
local shortcuts = {}
local function current(id)
  local passed = {}
  for _ = 1, 64 do
    local article, merged = key_for('article', id), key_for('merged', id)
    if not article or not merged then return false end
    if redis.call('EXISTS', article) == 1 then
      for _, old in ipairs(passed) do shortcuts[old] = id end
      return id
    end
    local successor = redis.call('GET', merged)
    if not successor then return nil end
    passed[#passed + 1] = id
    id = successor
  end
  return nil
end
local function settle()
  for old, id in pairs(shortcuts) do redis.call('SET', key_for('merged', old), id) end
end
`;

/**
 * Returns the id of the stored article an id stands for now (current), nil, or
 * {'undeclared', id...}. KEYS: declared (ids with kinds article, merged), ARGV[2] article id.
 */
export const CURRENT_ARTICLE_ID_LUA = `${CURRENT_ARTICLE_LUA}
local id = current(ARGV[2])
if #unmet_ids > 0 then return undeclared() end
settle()
return id
`;
