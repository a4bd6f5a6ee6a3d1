// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { CHANGE_CLOCK_LUA } from './change-clock.js';
import { DECLARED_KEYS_LUA } from './declared-keys.js';

export const UPDATE_ARTICLE_LUA = `${DECLARED_KEYS_LUA}${CHANGE_CLOCK_LUA}
-- Replaces a stored article with a new version of the same item, if the item still holds
-- the value the caller read (compare-and-set: a concurrent update makes the caller retry).
-- KEYS (declared-keys.ts): groups item, article, oldContent, newContent (the content claims of
-- the old and the new version), clock, oldIndexes, oldChanges, newIndexes, newChanges (feeds)
-- ARGV[1] the layout of KEYS, ARGV[2] article id, ARGV[3] expected item value, ARGV[4] new item
-- value, ARGV[5] what article:<id> holds (JSON, or on Redis Cluster a document's version),
-- ARGV[6] published ms
-- Returns 'updated' | 'conflict'
local id = ARGV[2]
if redis.call('GET', key('item')) ~= ARGV[3] then return 'conflict' end
redis.call('SET', key('item'), ARGV[4])
redis.call('SET', key('article'), ARGV[5])
if redis.call('GET', key('oldContent')) == id then redis.call('DEL', key('oldContent')) end
redis.call('SET', key('newContent'), id, 'NX')
local old_feeds = {indexes = keys('oldIndexes'), changes = keys('oldChanges')}
refile(id, old_feeds, id, {indexes = keys('newIndexes'), changes = keys('newChanges')}, ARGV[6], key('clock'))
return 'updated'
`;
