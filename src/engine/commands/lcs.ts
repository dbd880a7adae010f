import { optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_NOT_INTEGER, errText } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { array, bulk, error, int, type Reply } from '../reply.ts';

/** LCS (t_string.c lcsCommand): the longest common subsequence of two strings, its length or ranges. */

/** proto-max-bulk-len, which bounds the LCS table (4 bytes a cell). */
const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;

const lcs = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const ea = ctx.ks.lookupRead(ctx.db, arg(argv, 1));
  const eb = ctx.ks.lookupRead(ctx.db, arg(argv, 2));
  if ((ea && ea.type !== 'string') || (eb && eb.type !== 'string')) {
    return error(errText('The specified keys must contain string values'));
  }
  const a = ea?.type === 'string' ? ea.str : '';
  const b = eb?.type === 'string' ? eb.str : '';
  let minMatchLen = 0n;
  let getLen = false;
  let getIdx = false;
  let withMatchLen = false;
  for (let j = 3; j < argv.length; j++) {
    const opt = optionName(arg(argv, j));
    const moreArgs = argv.length - 1 - j;
    if (opt === 'idx') getIdx = true;
    else if (opt === 'len') getLen = true;
    else if (opt === 'withmatchlen') withMatchLen = true;
    else if (opt === 'minmatchlen' && moreArgs > 0) {
      const n = parseInt64(arg(argv, ++j));
      if (n === null) return error(ERR_NOT_INTEGER);
      minMatchLen = n < 0n ? 0n : BigInt(n);
    } else return SYNTAX;
  }
  if (getLen && getIdx)
    return error(errText('If you want both the length and indexes, please just use IDX.'));

  const alen = a.length;
  const blen = b.length;
  const cells = (alen + 1) * (blen + 1);
  if (cells * 4 > PROTO_MAX_BULK_LEN) {
    return error(errText('Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len'));
  }
  let table: Uint32Array;
  try {
    table = new Uint32Array(cells);
  } catch {
    return error(errText('Insufficient memory, failed allocating transient memory for LCS'));
  }
  const at = (i: number, j: number): number => table[j + i * (blen + 1)] as number;
  for (let i = 1; i <= alen; i++) {
    for (let j = 1; j <= blen; j++) {
      table[j + i * (blen + 1)] =
        a.charCodeAt(i - 1) === b.charCodeAt(j - 1)
          ? at(i - 1, j - 1) + 1
          : Math.max(at(i - 1, j), at(i, j - 1));
    }
  }
  const total = at(alen, blen);
  if (getLen) return int(total);

  // Walk back from the end, building the string and emitting the matched ranges as Redis does.
  const result: string[] = new Array(total);
  const ranges: Reply[] = [];
  let idx = total;
  let aStart = alen; // alen: no range under way
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  let i = alen;
  let j = blen;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      result[idx - 1] = a[i - 1] as string;
      if (aStart === alen) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      if (at(i - 1, j) > at(i, j - 1)) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (getIdx && (minMatchLen === 0n || BigInt(matchLen) >= minMatchLen)) {
        const range: Reply[] = [array([int(aStart), int(aEnd)]), array([int(bStart), int(bEnd)])];
        if (withMatchLen) range.push(int(matchLen));
        ranges.push(array(range));
      }
      aStart = alen;
    }
  }
  if (getIdx) return array([bulk('matches'), array(ranges), bulk('len'), int(total)]);
  return bulk(result.join(''));
};

export const lcsCommands: readonly CommandSpec[] = [
  {
    name: 'lcs',
    arity: -3,
    flags: ['readonly'],
    group: 'string',
    summary: 'Finds the longest common substring.',
    syntax: 'LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN]',
    since: '7.0.0',
    complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively',
    keys: [1, 2, 1],
    handler: lcs,
  },
];
