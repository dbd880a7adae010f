import { formatNotifyFlags, parseNotifyFlags } from './events.ts';
import { parseInt64 } from './int64.ts';
import type { Keyspace } from './keyspace.ts';

/**
 * CONFIG's parameters (config.c): the machinery of Redis 7.0's typed configs (bool, string, enum,
 * numeric with memory/percent units, special) with its parsing, bounds and error texts. The
 * parameters the playground models live in Config's fields; every other one is stored as the text
 * CONFIG GET prints and only echoed. The table of all 7.0 parameters is config-params.ts.
 * `maxmemory` is the one deliberate difference: it defaults to 256 MB (of estimated key + value
 * bytes) instead of 0, so a runaway loop cannot take the browser tab down.
 */
export const DEFAULT_MAXMEMORY = 256 * 1024 * 1024;

export class Config {
  /** Server cron frequency: the active expiry cycle runs this many times per second. */
  hz = 10;
  activeExpireEffort = 1;
  notifyFlags = 0;
  maxmemory = DEFAULT_MAXMEMORY;
  activeExpireEnabled = true;
  /** The encoding limits OBJECT ENCODING and DUMP follow (redis.conf defaults). */
  hashMaxListpackEntries = 512;
  hashMaxListpackValue = 64;
  setMaxIntsetEntries = 512;
  zsetMaxListpackEntries = 128;
  zsetMaxListpackValue = 64;
  listMaxListpackSize = -2;
  /** Parameters without an effect here, by canonical name, as CONFIG GET prints them. */
  readonly stored = new Map<string, string>();
}

export type ParseResult = { ok: true; apply: (c: Config) => void } | { ok: false; error: string };

/** Applied after every value of a CONFIG SET is in place; an error undoes the whole command. */
export type ApplyFn = (c: Config) => string | null;

export interface Param {
  /** The name it is looked up by (an alias is a Param of its own sharing the value). */
  readonly name: string;
  get(c: Config): string;
  /** Parses a value (the whole argument: MULTI_ARG parameters split it themselves). */
  parse(text: string, ks?: Keyspace): ParseResult;
  readonly immutable?: boolean;
  readonly protected?: boolean;
  /** Found by its exact name only, never by a pattern. */
  readonly hidden?: boolean;
  readonly apply?: ApplyFn;
}

export const ok = (apply: (c: Config) => void): ParseResult => ({ ok: true, apply });
export const fail = (error: string): ParseResult => ({ ok: false, error });

/** Where a parameter's value lives: a Config field, or the stored text under its canonical name. */
export interface Slot<T> {
  get(c: Config): T;
  set(c: Config, v: T): void;
}

export function storedSlot(key: string, def: string): Slot<string> {
  return { get: (c) => c.stored.get(key) ?? def, set: (c, v) => void c.stored.set(key, v) };
}

/** sdssplitlen(value, " "): MULTI_ARG values split on each single space; "" has no arguments. */
export function splitArgs(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

const YES_NO: Record<string, boolean> = { yes: true, no: false };

export function boolParam(
  name: string,
  slot: Slot<string>,
  extra: Partial<Param> = {},
  validate?: (v: boolean) => string | null,
): Param {
  return {
    name,
    get: (c) => slot.get(c),
    parse(text) {
      const v = YES_NO[text.toLowerCase()];
      if (v === undefined) return fail("argument must be 'yes' or 'no'");
      const error = validate?.(v) ?? null;
      if (error !== null) return fail(error);
      return ok((c) => slot.set(c, v ? 'yes' : 'no'));
    },
    ...extra,
  };
}

/** A string config is a C string (cut at a zero byte); an SDS one keeps every byte. */
export function stringParam(
  name: string,
  slot: Slot<string>,
  options: { cString: boolean; validate?: (v: string) => string | null },
  extra: Partial<Param> = {},
): Param {
  return {
    name,
    get: (c) => slot.get(c),
    parse(text) {
      const v = options.cString ? (text.split('\0')[0] ?? '') : text;
      const error = options.validate?.(v) ?? null;
      return error === null ? ok((c) => slot.set(c, v)) : fail(error);
    },
    ...extra,
  };
}

/** An enum config; with `bitflags` (MULTI_ARG) several names combine. */
export function enumParam(
  name: string,
  slot: Slot<string>,
  values: readonly (readonly [string, number])[],
  options: { bitflags?: boolean; validate?: (v: number) => string | null } = {},
  extra: Partial<Param> = {},
): Param {
  const names = values.map(([n]) => n).join(', ');
  return {
    name,
    get: (c) => slot.get(c),
    parse(text) {
      const args = options.bitflags ? splitArgs(text) : [text];
      if (args.length === 0) return fail(`argument(s) must be one of the following: ${names}`);
      let v = 0;
      for (const a of args) {
        const found = values.filter(([n]) => n === a.toLowerCase());
        if (found.length === 0) return fail(`argument(s) must be one of the following: ${names}`);
        for (const [, bits] of found) v |= bits;
      }
      const error = options.validate?.(v) ?? null;
      if (error !== null) return fail(error);
      const text2 = enumName(values, v, options.bitflags === true);
      return ok((c) => slot.set(c, text2));
    },
    ...extra,
  };
}

/** configEnumGetName: the first exact match, else (bitflags) the matching names high to low. */
function enumName(values: readonly (readonly [string, number])[], v: number, bitflags: boolean): string {
  const exact = values.find(([, bits]) => bits === v);
  if (exact) return exact[0];
  if (!bitflags) return 'unknown';
  let unmatched = v;
  const parts: string[] = [];
  for (const [n, bits] of values) {
    if (bits !== 0 && (unmatched & bits) === bits) {
      parts.push(n);
      unmatched &= ~bits;
    }
  }
  return parts.length === 0 || unmatched !== 0 ? 'unknown' : parts.join(' ');
}

const U64 = 1n << 64n;
export const LLONG_MAX = (1n << 63n) - 1n;
export const LLONG_MIN = -(1n << 63n);
export const INT_MAX = 2147483647n;
export const INT_MIN = -2147483648n;
export const UINT_MAX = 4294967295n;
export const ULLONG_MAX = U64 - 1n;

const toSigned = (v: bigint): bigint => (v > LLONG_MAX ? v - U64 : v);
const toUnsigned = (v: bigint): bigint => (v < 0n ? v + U64 : v);

const MEMORY_UNITS: Record<string, bigint> = {
  '': 1n,
  b: 1n,
  k: 1000n,
  kb: 1024n,
  m: 1000n ** 2n,
  mb: 1024n ** 2n,
  g: 1000n ** 3n,
  gb: 1024n ** 3n,
};

/**
 * memtoull: digits and a unit; overflow saturates (strtoull) and the unit's product wraps, as in C.
 * Sets errno as strtoull leaves it (ERANGE on overflow), which a later SORT can see.
 */
export function memtoull(text: string, ks?: Keyspace): bigint | null {
  const s = text.split('\0')[0] ?? '';
  if (s.startsWith('-')) return null;
  const m = /^([0-9]*)(.*)$/s.exec(s) as RegExpExecArray;
  const digits = m[1] as string;
  const unit = MEMORY_UNITS[(m[2] as string).toLowerCase()];
  if (unit === undefined || digits.length >= 128) return null;
  let v = digits === '' ? 0n : BigInt(digits);
  if (ks) ks.errno.erange = v > ULLONG_MAX;
  if (v > ULLONG_MAX) v = ULLONG_MAX;
  return (v * unit) % U64;
}

/** The integer types config.c keeps numeric configs in (bounds are compared as the type does). */
export type NumericKind = 'signed' | 'unsigned';

export interface NumericSpec {
  readonly min: bigint;
  readonly max: bigint;
  readonly kind: NumericKind;
  readonly memory?: boolean;
  readonly percent?: boolean;
  readonly octal?: boolean;
}

/** numericParseString then numericBoundaryCheck: the value as a signed 64-bit number, or the error. */
export function parseNumeric(spec: NumericSpec, text: string, ks?: Keyspace): bigint | string {
  let ll: bigint | null = null;
  if (spec.memory) {
    const v = memtoull(text, ks);
    if (v !== null) ll = toSigned(v);
  }
  if (ll === null && spec.percent && text.length > 1 && text.endsWith('%')) {
    const p = parseInt64(text.slice(0, -1));
    if (p !== null && p >= 0) ll = -BigInt(p);
  }
  if (ll === null && spec.octal && /^[ \t\n\v\f\r]*[+-]?[0-7]+$/.test(text)) ll = BigInt(`0o${text.trim()}`);
  if (ll === null && !spec.memory && !spec.percent && !spec.octal) {
    const p = parseInt64(text);
    if (p !== null) ll = BigInt(p);
  }
  if (ll === null) {
    if (spec.memory && spec.percent) return 'argument must be a memory or percent value';
    if (spec.memory) return 'argument must be a memory value';
    if (spec.octal) return "argument couldn't be parsed as an octal number";
    return "argument couldn't be parsed into an integer";
  }
  if (spec.kind === 'unsigned') {
    const u = toUnsigned(ll);
    if (u > spec.max || u < spec.min) {
      const f = (n: bigint) => (spec.octal ? n.toString(8) : String(n));
      return `argument must be between ${f(spec.min)} and ${f(spec.max)} inclusive`;
    }
  } else if (spec.percent && ll < 0n) {
    if (ll < spec.min) return `percentage argument must be less or equal to ${-spec.min}`;
  } else if (ll > spec.max || ll < spec.min) {
    return `argument must be between ${spec.min} and ${spec.max} inclusive`;
  }
  return ll;
}

/** numericConfigGet. */
export function formatNumeric(spec: NumericSpec, v: bigint): string {
  if (spec.percent && v < 0n) return `${-v}%`;
  if (spec.memory) return String(toUnsigned(v));
  if (spec.octal) return v.toString(8);
  return String(v);
}

export function numericParam(
  name: string,
  spec: NumericSpec,
  slot: Slot<bigint>,
  extra: Partial<Param> = {},
): Param {
  return {
    name,
    get: (c) => formatNumeric(spec, slot.get(c)),
    parse(text, ks) {
      const v = parseNumeric(spec, text, ks);
      return typeof v === 'string' ? fail(v) : ok((c) => slot.set(c, v));
    },
    ...extra,
  };
}

/** A numeric config held in a Config field (numbers there: every modelled one fits). */
export function fieldSlot(get: (c: Config) => number, set: (c: Config, v: number) => void): Slot<bigint> {
  return { get: (c) => BigInt(get(c)), set: (c, v) => set(c, Number(v)) };
}

export function storedNumber(key: string, def: bigint): Slot<bigint> {
  return {
    get: (c) => BigInt(c.stored.get(key) ?? def),
    set: (c, v) => void c.stored.set(key, String(v)),
  };
}

export const notifyParam: Param = {
  name: 'notify-keyspace-events',
  get: (c) => formatNotifyFlags(c.notifyFlags),
  parse(text) {
    const flags = parseNotifyFlags(text);
    if (flags === null) return fail("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
    return ok((c) => {
      c.notifyFlags = flags;
    });
  },
};
