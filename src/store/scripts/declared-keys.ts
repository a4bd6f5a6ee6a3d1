// Redis Lua; kept in a .ts module so that the build carries it along with the code.
/**
 * The start of every store script that takes a layout of its KEYS (declared-keys.ts, declareKeys):
 * ARGV[1] is that layout as JSON, `{g: {name: [first, count]}, ids: [id...], kinds: [kind...], at}`:
 * named groups of KEYS, then from KEYS[at] the keys of every declared id, one of each kind in turn.
 * The script never names a key itself (Redis: a script touches only the keys given in KEYS; on
 * Redis Cluster they must share one slot, which the caller's key names see to).
 *
 * key(name) returns a group's first key, keys(name) all of its keys. key_for(kind, id) returns
 * the key of that kind of an id, or nil when the caller did not declare the id; the id is then
 * noted, and the script, before any write that matters, returns undeclared(): {'undeclared',
 * id...}. The caller declares those ids as well and calls again (callDeclaring).
 */
export const DECLARED_KEYS_LUA = `
local declared = cjson.decode(ARGV[1])
local function key(name) return KEYS[declared.g[name][1]] end
local function keys(name)
  local at, list = declared.g[name], {}
  for i = 0, at[2] - 1 do list[#list + 1] = KEYS[at[1] + i] end
  return list
end
local key_of = {}
for k, kind in ipairs(declared.kinds) do
  key_of[kind] = {}
  for i, id in ipairs(declared.ids) do key_of[kind][id] = KEYS[declared.at + (i - 1) * #declared.kinds + k - 1] end
end
local unmet, unmet_ids = {}, {}
local function key_for(kind, id)
  local found = key_of[kind][id]
  if not found and not unmet[id] then
    unmet[id] = true
    unmet_ids[#unmet_ids + 1] = id
  end
  return found
end
local function undeclared() return {'undeclared', unpack(unmet_ids)} end
`;
