// Redis Lua; kept in a .ts module so that the build carries it along with the code.
import { DECLARED_KEYS_LUA } from './declared-keys.js';

/**
 * Stores an article's card and moves the term index with it, in one step: its id into the
 * postings of each keyword (scored by publication time, the newest POSTINGS_CAP kept), out of
 * those of the keywords its previous card had and this one lacks, and the document frequencies
 * counted up and down to match; the article count goes up for a card that is new. One script
 * instead of a MULTI of some 60 commands: the client builds one command, and two writers of one
 * card cannot both count it new.
 * KEYS (declared-keys.ts): groups card, frequencies (term-df), postings (of the terms from
 * ARGV[6] on, in order); ids: the previous card's terms this one lacks, with kind term.
 * ARGV[1] the layout of KEYS, ARGV[2] article id, ARGV[3] the card as JSON, ARGV[4] published ms,
 * ARGV[5] how many ids a posting keeps, ARGV[6...] the card's distinct keyword terms
 * Returns 1, or {'undeclared', term...}: lost terms not declared (nothing written).
 */
export const WRITE_CARD_LUA = `${DECLARED_KEYS_LUA}
local id, count_field, first_term = ARGV[2], '*', 6
local previous = redis.call('GET', key('card'))
local before = {}
if previous then
  local ok, card = pcall(cjson.decode, previous)
  if not ok or type(card) ~= 'table' or type(card.keywords) ~= 'table' then
    return redis.error_reply('card: the stored card at ' .. key('card') .. ' is not a card (JSON with keywords)')
  end
  for _, keyword in ipairs(card.keywords) do
    if type(keyword) == 'table' and type(keyword.term) == 'string' then before[keyword.term] = true end
  end
end
local after = {}
for i = first_term, #ARGV do after[ARGV[i]] = true end
local lost = {}
for term in pairs(before) do
  if not after[term] then lost[#lost + 1] = {term, key_for('term', term)} end
end
if #unmet_ids > 0 then return undeclared() end
local frequencies = key('frequencies')
redis.call('SET', key('card'), ARGV[3])
for _, entry in ipairs(lost) do
  redis.call('ZREM', entry[2], id)
  redis.call('HINCRBY', frequencies, entry[1], -1)
end
local first = declared.g.postings[1]
for i = first_term, #ARGV do
  local postings = KEYS[first + i - first_term]
  redis.call('ZADD', postings, ARGV[4], id)
  redis.call('ZREMRANGEBYRANK', postings, 0, -tonumber(ARGV[5]) - 1)
  if not before[ARGV[i]] then redis.call('HINCRBY', frequencies, ARGV[i], 1) end
end
if not previous then redis.call('HINCRBY', frequencies, count_field, 1) end
return 1
`;
