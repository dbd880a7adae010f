/**
 * Runs once when the interpreter starts: shapes fengari's Lua 5.3 globals into Redis 7.0's Lua 5.1
 * set (no print, no dofile/loadfile, `unpack` and `loadstring` present, no 5.3-only functions) and
 * keeps numbers in doubles (see lua-source.ts) where library functions would return integers.
 */
export const LUA_PRELUDE = `
unpack = table.unpack
loadstring = load
print, dofile, loadfile, require, rawlen, utf8 = nil, nil, nil, nil, nil, nil
math.type, math.tointeger, math.ult, math.maxinteger, math.mininteger = nil, nil, nil, nil, nil
string.pack, string.unpack, string.packsize, table.move = nil, nil, nil, nil
local tonumber_, floor, ceil = tonumber, math.floor, math.ceil
tonumber = function(...) local v = tonumber_(...) if v then return v + 0.0 end return v end
math.floor = function(x) return floor(x) + 0.0 end
math.ceil = function(x) return ceil(x) + 0.0 end
math.pow = function(x, y) return x ^ y end
redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING = 0.0, 1.0, 2.0, 3.0
redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL = 0.0, 1.0, 2.0, 2.0, 3.0
redis.REDIS_VERSION, redis.REDIS_VERSION_NUM = '7.0.15', 458767.0
redis.log = function() end
redis.set_repl = function() end
redis.replicate_commands = function() return true end
redis.breakpoint = function() return false end
redis.debug = function() end
`;
