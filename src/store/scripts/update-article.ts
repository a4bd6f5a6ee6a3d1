// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { CHANGE_CLOCK_LUA } from './change-clock.js';

export const UPDATE_ARTICLE_LUA = `${CHANGE_CLOCK_LUA}
-- Replaces a stored article with a new version of the same item, if the item still holds
-- the value the caller read (compare-and-set: a concurrent update makes the caller retry).
-- KEYS[1] item key
-- ARGV[1] key prefix, ARGV[2] article id, ARGV[3] expected item value, ARGV[4] new item value,
-- ARGV[5] what article:<id> holds (JSON, or on Redis Cluster a document's version), ARGV[6] old content hash, ARGV[7] new content hash, ARGV[8] published ms,
-- ARGV[9] old feed ids joined by ',', ARGV[10] new feed ids joined by ','
-- Returns 'updated' | 'conflict'
local prefix, id = ARGV[1], ARGV[2]
if redis.call('GET', KEYS[1]) ~= ARGV[3] then return 'conflict' end
redis.call('SET', KEYS[1], ARGV[4])
redis.call('SET', prefix .. ':article:' .. id, ARGV[5])
local old_content = prefix .. ':content:' .. ARGV[6]
if redis.call('GET', old_content) == id then redis.call('DEL', old_content) end
redis.call('SET', prefix .. ':content:' .. ARGV[7], id, 'NX')
refile(prefix, id, ARGV[9], id, ARGV[10], ARGV[8])
return 'updated'
`;
