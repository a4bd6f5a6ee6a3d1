// Redis Lua; kept in a .ts module so that the build carries it along with the code.
/**
 * A Lua function the store's scripts start with: current(prefix, id) returns the id of the
 * stored article that `id` stands for now, or nil. An article replaced by an earlier-published
 * copy leaves merged:<id> pointing to that copy, which may in turn have been replaced; url,
 * content and item keys, LSH buckets and a worker's candidate read a moment ago may all still
 * name the replaced one. Every merged key on the way is pointed at the end, so chains stay short.
 */
export const CURRENT_ARTICLE_LUA = `
local function current(prefix, id)
  local passed = {}
  for _ = 1, 64 do
    if redis.call('EXISTS', prefix .. ':article:' .. id) == 1 then
      for _, old in ipairs(passed) do redis.call('SET', prefix .. ':merged:' .. old, id) end
      return id
    end
    local successor = redis.call('GET', prefix .. ':merged:' .. id)
    if not successor then return nil end
    passed[#passed + 1] = id
    id = successor
  end
  return nil
end
`;

/**
 * Returns the id of the stored article an id stands for now (current), or nil.
 * KEYS[1] the stored index (the article store's slot), ARGV[1] key prefix, ARGV[2] article id
 */
export const CURRENT_ARTICLE_ID_LUA = `${CURRENT_ARTICLE_LUA}
return current(ARGV[1], ARGV[2])
`;
