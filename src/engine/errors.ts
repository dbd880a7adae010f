import { arg } from './command.ts';
/** Redis 7.0 error texts, exactly as the server sends them (redis-cli adds `(error) `). */

export const ERR_SYNTAX = 'ERR syntax error';
export const ERR_WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const ERR_NOT_INTEGER = 'ERR value is not an integer or out of range';
export const ERR_NOT_FLOAT = 'ERR value is not a valid float';
export const ERR_NO_SUCH_KEY = 'ERR no such key';
export const ERR_SAME_OBJECT = 'ERR source and destination objects are the same';
export const ERR_DB_INDEX = 'ERR DB index is out of range';
export const ERR_OVERFLOW = 'ERR increment or decrement would overflow';
export const ERR_DECR_OVERFLOW = 'ERR decrement would overflow';
export const ERR_NAN_OR_INFINITY = 'ERR increment would produce NaN or Infinity';
export const ERR_OFFSET_RANGE = 'ERR offset is out of range';
export const ERR_STRING_TOO_LONG = 'ERR string exceeds maximum allowed size (proto-max-bulk-len)';
export const ERR_INVALID_CURSOR = 'ERR invalid cursor';
export const ERR_WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';
export const ERR_EXPIRE_NX_COMBINED = 'ERR NX and XX, GT or LT options at the same time are not compatible';
export const ERR_EXPIRE_GT_LT = 'ERR GT and LT options at the same time are not compatible';
// Hash-field expiry (Redis 7.4's HEXPIRE family; Dragonfly's HEXPIRE and HTTL word them the same).
export const ERR_FIELDS_MISSING = 'ERR Mandatory argument FIELDS is missing or not at the right position';
export const ERR_NUMFIELDS_MATCH = 'ERR The `numfields` parameter must match the number of arguments';
export const ERR_NUMFIELDS_POSITIVE = 'ERR Number of fields must be a positive integer';
export const ERR_OOM = "OOM command not allowed when used memory > 'maxmemory'.";
export const ERR_MULTI_NESTED = 'ERR MULTI calls can not be nested';
export const ERR_EXEC_WITHOUT_MULTI = 'ERR EXEC without MULTI';
export const ERR_DISCARD_WITHOUT_MULTI = 'ERR DISCARD without MULTI';
export const ERR_EXECABORT = 'EXECABORT Transaction discarded because of previous errors.';
export const ERR_INDEX_OUT_OF_RANGE = 'ERR index out of range';
export const ERR_NOT_POSITIVE = 'ERR value is out of range, must be positive';
/** getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): random-member counts, and since 7.2 LREM and LPOS RANK. */
export const ERR_NOT_LONG_MIN =
  'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807';
export const ERR_OUT_OF_RANGE = 'ERR value is out of range';
export const ERR_COUNT_POSITIVE = 'ERR COUNT must be > 0';
export const ERR_TIMEOUT_NOT_INTEGER = 'ERR timeout is not an integer or out of range';
export const ERR_TIMEOUT_NEGATIVE = 'ERR timeout is negative';
export const ERR_NO_INTERPRETER = 'ERR the Lua interpreter is not loaded';
export const ERR_NOTBUSY = 'NOTBUSY No scripts in execution right now.';
export const ERR_INVALID_STREAM_ID = 'ERR Invalid stream ID specified as stream command argument';

/** A generic error: the message after Redis's ERR code (addReplyErrorFormat's default). */
export function errText(message: string): string {
  return `ERR ${message}`;
}

export function errWrongArity(fullName: string): string {
  return `ERR wrong number of arguments for '${fullName}' command`;
}

export function errInvalidExpire(fullName: string): string {
  return `ERR invalid expire time in '${fullName}' command`;
}

export function errUnsupportedOption(option: string): string {
  return `ERR Unsupported option ${cString(option)}`.replace(/[\r\n]/g, ' ');
}

export function errUnknownSubcommand(sub: string, container: string): string {
  const text = `ERR unknown subcommand '${truncate(cString(sub), 128)}'. Try ${cString(container).toUpperCase()} HELP.`;
  return text.replace(/[\r\n]/g, ' ');
}

/** addReplySubcommandSyntaxError: a known subcommand with the wrong arguments, or DEBUG's unknown one. */
export function errSubcommandSyntax(argv: readonly string[]): string {
  const text = `ERR unknown subcommand or wrong number of arguments for '${truncate(cString(arg(argv, 1)), 128)}'. Try ${cString(arg(argv, 0)).toUpperCase()} HELP.`;
  return text.replace(/[\r\n]/g, ' ');
}

/**
 * `ERR unknown command 'x', with args beginning with: 'a' 'b' ` — the name is echoed as typed and cut
 * at 128 bytes; arguments are listed while their total stays under 128 bytes, the last one truncated
 * to fit; CR and LF become spaces (server.c processCommand).
 */
export function errUnknownCommand(argv: readonly string[]): string {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${truncate(cString(arg(argv, i)), 128 - args.length)}' `;
  }
  const name = truncate(cString(argv[0] ?? ''), 128);
  return `ERR unknown command '${name}', with args beginning with: ${args}`.replace(/[\r\n]/g, ' ');
}

/** The server formats these texts with printf's %s, which stops at the first zero byte. */
function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

function truncate(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

// Bitmaps (bitops.c)
export const ERR_BIT_OFFSET = 'ERR bit offset is not an integer or out of range';
export const ERR_BIT_VALUE = 'ERR bit is not an integer or out of range';
export const ERR_BIT_ARG = 'ERR The bit argument must be 1 or 0.';
export const ERR_BITOP_NOT = 'ERR BITOP NOT must be called with a single source key.';
export const ERR_BITFIELD_OVERFLOW = 'ERR Invalid OVERFLOW type specified';
export const ERR_BITFIELD_TYPE =
  'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.';
export const ERR_BITFIELD_RO = 'ERR BITFIELD_RO only supports the GET subcommand';

// Hashes (t_hash.c)
export const ERR_HASH_NOT_INTEGER = 'ERR hash value is not an integer';
export const ERR_HASH_NOT_FLOAT = 'ERR hash value is not a float';
export const ERR_VALUE_NAN_OR_INF = 'ERR value is NaN or Infinity';

// Sets (t_set.c); numkeys is checked so by EVAL too (eval.c)
export const ERR_NUMKEYS_POSITIVE = 'ERR numkeys should be greater than 0';
export const ERR_NUMKEYS_ARGS = "ERR Number of keys can't be greater than number of args";
export const ERR_LIMIT_NEGATIVE = "ERR LIMIT can't be negative";

// Sorted sets (t_zset.c)
export const ERR_ZADD_NX_XX = 'ERR XX and NX options at the same time are not compatible';
export const ERR_ZADD_GT_LT_NX = 'ERR GT, LT, and/or NX options at the same time are not compatible';
export const ERR_ZADD_INCR_PAIRS = 'ERR INCR option supports a single increment-element pair';
export const ERR_ZSCORE_NAN = 'ERR resulting score is not a number (NaN)';
export const ERR_SCORE_RANGE = 'ERR min or max is not a float';
export const ERR_LEX_RANGE = 'ERR min or max not valid string range item';
export const ERR_ZRANGE_LIMIT =
  'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX';
export const ERR_ZRANGE_WITHSCORES_LEX =
  'ERR syntax error, WITHSCORES not supported in combination with BYLEX';

// Lists (t_list.c)
export const ERR_LPOS_RANK_ZERO =
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";
export const ERR_LPOS_COUNT = "ERR COUNT can't be negative";
export const ERR_LPOS_MAXLEN = "ERR MAXLEN can't be negative";

// SORT (sort.c)
export const ERR_SORT_SCORES = "ERR One or more scores can't be converted into double";
export const ERR_BUSYKEY = 'BUSYKEY Target key name already exists.';
export const ERR_DUMP_PAYLOAD = 'ERR DUMP payload version or checksum are wrong';
export const ERR_BAD_DATA_FORMAT = 'ERR Bad data format';
