// Redis Lua; kept in a .ts module so that the build carries it along with the code.
export const RECORD_COPY_LUA = `
-- Records an item as a copy of a stored article (a near duplicate the caller confirmed),
-- unless another worker has meanwhile handled the same item, or the article has meanwhile been
-- replaced by an earlier copy (its copy records moved to that one; the caller compares it).
-- KEYS[1] item key, KEYS[2] the article's article key, KEYS[3] its also (copy records) key
-- ARGV[1] stored article id, ARGV[2] content hash, ARGV[3] JSON record of this copy
-- Returns 'recorded' | 'item-exists' | 'moved'
if redis.call('EXISTS', KEYS[2]) == 0 then return 'moved' end
if not redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2] .. '|copy', 'NX') then return 'item-exists' end
redis.call('RPUSH', KEYS[3], ARGV[3])
return 'recorded'
`;
