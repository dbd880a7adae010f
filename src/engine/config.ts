import { formatNotifyFlags, parseNotifyFlags } from './events.ts';
import { parseInt64 } from './int64.ts';

/**
 * The CONFIG parameters the playground implements, with Redis 7.0's parsing, ranges and error texts.
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
}

export interface Param {
  readonly name: string;
  get(c: Config): string;
  /** Returns an error suffix (after ` - `) or applies the value. */
  parse(text: string): { ok: true; apply: (c: Config) => void } | { ok: false; error: string };
}

const HZ_MIN = 1;
const HZ_MAX = 500;
const INT_MAX = 2147483647;

function intParam(
  name: string,
  min: number,
  max: number,
  get: (c: Config) => number,
  set: (c: Config, v: number) => void,
): Param {
  return {
    name,
    get: (c) => String(get(c)),
    parse(text) {
      const v = parseInt64(text);
      if (v === null) return { ok: false, error: "argument couldn't be parsed into an integer" };
      if (typeof v === 'bigint' || v < min || v > max) {
        return { ok: false, error: `argument must be between ${min} and ${max} inclusive` };
      }
      return { ok: true, apply: (c) => set(c, v) };
    },
  };
}

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1000,
  kb: 1024,
  m: 1000 ** 2,
  mb: 1024 ** 2,
  g: 1000 ** 3,
  gb: 1024 ** 3,
};

/** memtoull: digits and an optional unit (case-insensitive); no sign, no fraction. */
export function parseMemory(text: string): number | null {
  const m = /^([0-9]+)([a-zA-Z]*)$/.exec(text);
  if (!m) return null;
  const unit = MEMORY_UNITS[(m[2] as string).toLowerCase()];
  if (unit === undefined) return null;
  const v = BigInt(m[1] as string) * BigInt(unit);
  if (v > 18446744073709551615n) return null;
  return Number(v);
}

export const CONFIG_PARAMS: readonly Param[] = [
  // Redis accepts 0..INT_MAX for hz and clamps what it uses to 1..500; CONFIG GET shows the clamped value.
  intParam(
    'hz',
    0,
    INT_MAX,
    (c) => c.hz,
    (c, v) => {
      c.hz = Math.min(HZ_MAX, Math.max(HZ_MIN, v));
    },
  ),
  intParam(
    'active-expire-effort',
    1,
    10,
    (c) => c.activeExpireEffort,
    (c, v) => {
      c.activeExpireEffort = v;
    },
  ),
  {
    name: 'notify-keyspace-events',
    get: (c) => formatNotifyFlags(c.notifyFlags),
    parse(text) {
      const flags = parseNotifyFlags(text);
      if (flags === null) {
        return { ok: false, error: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." };
      }
      return {
        ok: true,
        apply: (c) => {
          c.notifyFlags = flags;
        },
      };
    },
  },
  {
    name: 'maxmemory',
    get: (c) => String(c.maxmemory),
    parse(text) {
      const v = parseMemory(text);
      if (v === null) return { ok: false, error: 'argument must be a memory value' };
      return {
        ok: true,
        apply: (c) => {
          c.maxmemory = v;
        },
      };
    },
  },
];

export function findParam(name: string): Param | undefined {
  const lower = name.toLowerCase();
  return CONFIG_PARAMS.find((p) => p.name === lower);
}
