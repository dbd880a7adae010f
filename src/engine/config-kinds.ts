import {
  type ApplyFn,
  boolParam,
  type Config,
  enumParam,
  fail,
  fieldSlot,
  LLONG_MAX,
  memtoull,
  type NumericSpec,
  numericParam,
  ok,
  type Param,
  type ParseResult,
  splitArgs,
  storedNumber,
  storedSlot,
  stringParam,
} from './config.ts';

/**
 * The kinds of CONFIG parameter (config.c's bool, string, enum, numeric and special configs) and
 * the parsers of the special ones, for the list in config-params.ts.
 */

/** config.c's IMMUTABLE_CONFIG, PROTECTED_CONFIG and HIDDEN_CONFIG flags. */
export const I = { immutable: true } as const;
export const P = { protected: true } as const;
export const H = { hidden: true } as const;
export const LONG_MAX = LLONG_MAX;

/** A parameter and its alias share one value; each is looked up by its own name. */
function withAlias(make: (name: string) => Param, name: string, alias?: string): Param[] {
  return alias ? [make(name), make(alias)] : [make(name)];
}

export function bool(
  name: string,
  def: boolean,
  alias?: string,
  extra: Partial<Param> = {},
  validate?: (v: boolean) => string | null,
): Param[] {
  const slot = storedSlot(name, def ? 'yes' : 'no');
  return withAlias((n) => boolParam(n, slot, extra, validate), name, alias);
}

export function str(
  name: string,
  def: string,
  alias?: string,
  extra: Partial<Param> = {},
  cString = true,
  validate?: (v: string) => string | null,
): Param[] {
  const slot = storedSlot(name, def);
  return withAlias((n) => stringParam(n, slot, { cString, validate }, extra), name, alias);
}

export function enm(
  name: string,
  values: readonly (readonly [string, number])[],
  def: string,
  extra: Partial<Param> = {},
  bitflags = false,
  validate?: (v: number) => string | null,
): Param[] {
  return [enumParam(name, storedSlot(name, def), values, { bitflags, validate }, extra)];
}

export function num(
  name: string,
  spec: NumericSpec,
  def: bigint,
  alias?: string,
  extra: Partial<Param> = {},
  clamp?: (v: bigint) => bigint,
): Param[] {
  const stored = storedNumber(name, def);
  const slot = clamp ? { get: stored.get, set: (c: Config, v: bigint) => stored.set(c, clamp(v)) } : stored;
  return withAlias((n) => numericParam(n, spec, slot, extra), name, alias);
}

export const int = (min: bigint, max: bigint): NumericSpec => ({ min, max, kind: 'signed' });
export const uint = (min: bigint, max: bigint): NumericSpec => ({ min, max, kind: 'unsigned' });
export const mem = (spec: NumericSpec): NumericSpec => ({ ...spec, memory: true });

/** A numeric parameter the engine follows, kept in a Config field. */
export function modelled(
  name: string,
  spec: NumericSpec,
  get: (c: Config) => number,
  set: (c: Config, v: number) => void,
  alias?: string,
  extra: Partial<Param> = {},
): Param[] {
  const slot = fieldSlot(get, set);
  return withAlias((n) => numericParam(n, spec, slot, extra), name, alias);
}

/** applyTlsCfg/applyTLSPort: with no certificates configured, enabling TLS cannot succeed. */
const TLS_FAILED = 'Unable to update TLS configuration. Check server logs.';
const tlsEnabled = (c: Config) =>
  (c.stored.get('tls-port') ?? '0') !== '0' ||
  c.stored.get('tls-replication') === 'yes' ||
  c.stored.get('tls-cluster') === 'yes';
const applyTlsCfg: ApplyFn = (c) => (tlsEnabled(c) ? TLS_FAILED : null);
export const applyTlsPort: ApplyFn = (c) => ((c.stored.get('tls-port') ?? '0') !== '0' ? TLS_FAILED : null);
export const TLS = { apply: applyTlsCfg } as const;

const HOSTNAME_CHARS = /^[A-Za-z0-9.-]*$/;
export const validHostname = (v: string) =>
  v.length >= 256
    ? 'Hostnames must be less than 256 characters'
    : HOSTNAME_CHARS.test(v)
      ? null
      : 'Hostnames may only contain alphanumeric characters, hyphens or dots';

const TITLE_VARIABLES = new Set([
  'title',
  'listen-addr',
  'server-mode',
  'port',
  'tls-port',
  'unixsocket',
  'config-file',
]);
/** validateProcTitleTemplate: {variables} known, braces balanced, something left once expanded. */
export function validTitle(v: string): string | null {
  const bad = 'template format is invalid or contains unknown variables';
  let rest = '';
  for (let i = 0; i < v.length; i++) {
    const ch = v[i] as string;
    if (ch === '}') return bad;
    if (ch !== '{') {
      rest += ch;
      continue;
    }
    const end = v.indexOf('}', i);
    if (end < 0 || !TITLE_VARIABLES.has(v.slice(i + 1, end))) return bad;
    rest += 'x';
    i = end;
  }
  return rest.trim() === '' ? bad : null;
}

export const baseName = (what: string, v: string) =>
  v.includes('/') ? `${what} can't be a path, just a filename` : null;

export const SHUTDOWN: readonly (readonly [string, number])[] = [
  ['default', 0],
  ['save', 1],
  ['nosave', 2],
  ['now', 4],
  ['force', 8],
];
export const shutdownFlags = (v: number) =>
  v & 1 && v & 2 ? "shutdown options SAVE and NOSAVE can't be used simultaneously" : null;

/**
 * A special parameter: its own parsing of the (split) arguments, giving the new text, or how to
 * change the current text (client-output-buffer-limit sets only the classes it names).
 */
export function special(
  name: string,
  def: string,
  parse: (args: string[]) => string | ((current: string) => string) | ParseResult,
  extra: Partial<Param> = {},
  multi = true,
): Param {
  const slot = storedSlot(name, def);
  return {
    name,
    get: (c) => slot.get(c),
    parse(text) {
      const r = parse(multi ? splitArgs(text) : [text]);
      if (typeof r === 'string') return ok((c) => slot.set(c, r));
      if (typeof r === 'function') return ok((c) => slot.set(c, r(slot.get(c))));
      return r;
    },
    ...extra,
  };
}

/** strtoll(s, &end, 10) with nothing left over (save, oom-score-adj-values): saturates like C. */
function strtollWhole(s: string): bigint | null {
  if (/^[ \t\n\v\f\r]*[+-]?$/.test(s)) return 0n;
  if (!/^[ \t\n\v\f\r]*[+-]?[0-9]+$/.test(s)) return null;
  const v = BigInt(s.trim());
  return v > LLONG_MAX ? LLONG_MAX : v < -LLONG_MAX - 1n ? -LLONG_MAX - 1n : v;
}

/** Pairs of seconds (at least 1) and changes (at least 0); changes is kept in an int. */
export function parseSave(args: string[]): string | ParseResult {
  if (args.length % 2 === 1) return fail('Invalid save parameters');
  const values: bigint[] = [];
  for (const [j, a] of args.entries()) {
    const v = strtollWhole(a);
    if (v === null || (j % 2 === 0 && v < 1n) || (j % 2 === 1 && v < 0n))
      return fail('Invalid save parameters');
    values.push(j % 2 === 0 ? v : BigInt.asIntN(32, v));
  }
  return values.join(' ');
}

const OBUF_CLASSES = ['normal', 'slave', 'pubsub'] as const;

/** Groups of class, hard limit, soft limit, soft seconds; master is refused, replica is slave. */
export function parseObuf(args: string[]): ((current: string) => string) | ParseResult {
  if (args.length % 4 !== 0) return fail('Wrong number of arguments in buffer limit configuration.');
  const changes = new Map<string, string>();
  for (let j = 0; j < args.length; j += 4) {
    const name = (args[j] as string).toLowerCase();
    const cls = name === 'replica' ? 'slave' : name;
    if (!(OBUF_CLASSES as readonly string[]).includes(cls)) {
      return fail('Invalid client class specified in buffer limit configuration.');
    }
    const hard = memtoull(args[j + 1] as string);
    const soft = memtoull(args[j + 2] as string);
    const secs = strtollWhole(args[j + 3] as string);
    if (hard === null || soft === null || secs === null || BigInt.asIntN(32, secs) < 0n) {
      return fail('Error in hard, soft or soft_seconds setting in buffer limit configuration.');
    }
    changes.set(cls, `${hard} ${soft} ${BigInt.asIntN(32, secs)}`);
  }
  return (current) => {
    const parts = current.split(' ');
    return OBUF_CLASSES.map(
      (k, i) => `${k} ${changes.get(k) ?? parts.slice(4 * i + 1, 4 * i + 4).join(' ')}`,
    ).join(' ');
  };
}

export function parseOomValues(args: string[]): string | ParseResult {
  if (args.length !== 3) return fail('wrong number of arguments');
  const out: string[] = [];
  for (const a of args) {
    const v = strtollWhole(a);
    if (v === null || v < -2000n || v > 2000n) {
      return fail('Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
    }
    out.push(String(v));
  }
  return out.join(' ');
}

/** "%f" then trimDoubleString: six decimals, trailing zeros (and a bare point) dropped. */
const percentile = (v: number) => v.toFixed(6).replace(/\.?0+$/, '');

export function parsePercentiles(args: string[]): string | ParseResult {
  const out: string[] = [];
  for (const a of args) {
    const v = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(a) ? Number(a) : Number.NaN;
    if (Number.isNaN(v)) return fail('Invalid latency-tracking-info-percentiles parameters');
    if (v > 100 || v < 0) {
      return fail('latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
    }
    out.push(percentile(v));
  }
  return out.join(' ');
}

export const DEFAULT_OBUF = 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60';
