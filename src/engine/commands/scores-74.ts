import type { Handler } from '../command.ts';
import { array, bulk, type Reply } from '../reply.ts';

/**
 * Doubles as Redis 7.2 and later print them (util.c d2string): integral values within ±2^62 as
 * integers, others in the shortest form that reads back the same (fpconv_dtoa, Grisu2), laid out by
 * fpconv's emit_digits. Redis 7.0 printed "%.17g" (zset-score.ts): 3.7 was "3.7000000000000002".
 * The digits come from JavaScript's shortest round-trip conversion; Grisu2 agrees with it except in
 * rare cases where it gives one digit more.
 */

const HALF_LLONG_MAX = 2 ** 62;

export function d2string74(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  if (Number.isInteger(d) && Math.abs(d) <= HALF_LLONG_MAX) return BigInt(d).toString();
  return fpconvDtoa(d);
}

/** fpconv_dtoa: the shortest digits, written plain or in scientific form as emit_digits chooses. */
export function fpconvDtoa(d: number): string {
  const neg = d < 0 || Object.is(d, -0);
  const [mantissa = '0', exponent = '0'] = Math.abs(d).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const n = digits.length;
  // value = digits * 10^k
  const k = Number(exponent) - (n - 1);
  const exp = Math.abs(k + n - 1);
  const sign = neg ? '-' : '';
  if (k >= 0 && exp < n + 7) return `${sign}${digits}${'0'.repeat(k)}`;
  if (k < 0 && (k > -7 || exp < 4)) {
    const offset = n + k;
    if (offset <= 0) return `${sign}0.${'0'.repeat(-offset)}${digits}`;
    return `${sign}${digits.slice(0, offset)}.${digits.slice(offset)}`;
  }
  const kept = digits.slice(0, Math.min(n, 18 - (neg ? 1 : 0)));
  const frac = kept.length > 1 ? `.${kept.slice(1)}` : '';
  return `${sign}${kept[0]}${frac}e${k + n - 1 < 0 ? '-' : '+'}${exp}`;
}

/** Which bulk strings of a reply are scores. */
export type ScoreLayout =
  /** Every bulk string (ZSCORE, ZINCRBY, ZMSCORE, ZADD … INCR). */
  | 'all'
  /** Every second item, from the second (member, score, member, score…). */
  | 'pairs'
  /** Every second item of the page, with WITHSCORES only (the ZRANGE family). */
  | 'pairs-withscores'
  /** The page of a ZSCAN: the second element's pairs. */
  | 'scan'
  /** The second element, with WITHSCORE (ZRANK, ZREVRANK). */
  | 'second-withscore'
  /** ZMPOP's key and its popped [member, score] pairs. */
  | 'mpop';

/** A score printed by Redis 7.0 (%.17g, or d2string for a listpack) read back and printed as 7.4 does. */
function rescore(r: Reply): Reply {
  return r.t === 'bulk'
    ? bulk(d2string74(r.s === 'inf' ? Infinity : r.s === '-inf' ? -Infinity : Number(r.s)))
    : r;
}

const everyOther = (items: readonly Reply[]) => array(items.map((x, i) => (i % 2 === 1 ? rescore(x) : x)));

function rescoreReply(r: Reply, layout: ScoreLayout, argv: readonly string[]): Reply {
  const has = (word: string) => argv.some((a) => a.toLowerCase() === word);
  if (r.t === 'bulk') return layout === 'all' ? rescore(r) : r;
  if (r.t !== 'array') return r;
  switch (layout) {
    case 'all':
      return array(r.items.map(rescore));
    case 'pairs':
      return everyOther(r.items);
    case 'pairs-withscores':
      return has('withscores') ? everyOther(r.items) : r;
    case 'scan': {
      const [cursor, page] = r.items;
      return cursor && page?.t === 'array' ? array([cursor, everyOther(page.items)]) : r;
    }
    case 'mpop': {
      const [key, popped] = r.items;
      if (!key || popped?.t !== 'array') return r;
      return array([key, array(popped.items.map((p) => (p.t === 'array' ? everyOther(p.items) : p)))]);
    }
    case 'second-withscore':
      return has('withscore') && r.items.length === 2
        ? array([r.items[0] as Reply, rescore(r.items[1] as Reply)])
        : r;
  }
}

/** Redis 7.4's version of a sorted-set command whose reply holds scores: the same reply, 7.4's digits. */
export function withScores74(handler: Handler, layout: ScoreLayout): Handler {
  return (ctx, argv) => {
    const reply = handler(ctx, argv);
    return reply.t === 'none' ? reply : rescoreReply(reply, layout, argv);
  };
}
