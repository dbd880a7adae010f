/**
 * LZF as Redis uses it for RDB strings longer than 20 bytes (liblzf 3.6 with HLOG 16 and VERY_FAST,
 * the variant Redis builds): same matches, same output bytes, so DUMP payloads equal Redis's. The hash
 * table starts empty here; Redis leaves it uninitialised, which only matters if stale slots happen to
 * point at a real match (never seen in practice: DUMP output is stable run to run).
 */

const HLOG = 16;
const HSIZE = 1 << HLOG;
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

const idx = (h: number) => (((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1)) >>> 0;

/** Compresses `input` into at most `outLen` bytes; null when it does not fit (Redis then stores it raw). */
export function lzfCompress(input: string, outLen: number): string | null {
  const inLen = input.length;
  if (inLen === 0 || outLen === 0) return null;
  const at = (i: number) => input.charCodeAt(i);
  // Positions are stored +1 so that 0 means "empty", like liblzf's null slot.
  const htab = new Int32Array(HSIZE);
  const out = new Uint8Array(outLen + 1);
  let op = 0;
  let ip = 0;
  let lit = 0;
  op++; // start run
  // One input byte into the current literal run; a full run (32 bytes) is closed and a new one begun.
  const copyLiteral = () => {
    lit++;
    out[op++] = at(ip++);
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  };
  let hval = (at(0) << 8) | at(1);
  while (ip < inLen - 2) {
    hval = ((hval << 8) | at(ip + 2)) & 0xffffff;
    const slot = idx(hval);
    const ref = htab[slot] ? (htab[slot] as number) - 1 : -1;
    htab[slot] = ip + 1;
    const off = ip - ref - 1;
    if (
      ref > 0 &&
      off < MAX_OFF &&
      at(ref + 2) === at(ip + 2) &&
      at(ref) === at(ip) &&
      at(ref + 1) === at(ip + 1)
    ) {
      let len = 2;
      let maxlen = inLen - ip - len;
      if (maxlen > MAX_REF) maxlen = MAX_REF;
      if (op + 3 + 1 >= outLen && op - (lit === 0 ? 1 : 0) + 3 + 1 >= outLen) return null;
      out[op - lit - 1] = lit - 1; // stop run
      if (lit === 0) op--; // undo an empty run
      // liblzf's unrolled first 16 steps do not check maxlen, so a match can end up to two bytes
      // past it; copying that quirk keeps the output byte-identical.
      let mismatch = false;
      if (maxlen > 16) {
        for (let k = 0; k < 16 && !mismatch; k++) {
          len++;
          if (at(ref + len) !== at(ip + len)) mismatch = true;
        }
      }
      if (!mismatch) {
        do len++;
        while (len < maxlen && at(ref + len) === at(ip + len));
      }
      len -= 2; // now the number of octets - 1
      ip++;
      if (len < 7) {
        out[op++] = (off >> 8) + (len << 5);
      } else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      lit = 0;
      op++; // start run
      ip += len + 1;
      if (ip >= inLen - 2) break;
      // VERY_FAST: rehash the last two positions of the match.
      ip -= 2;
      hval = (at(ip) << 8) | at(ip + 1);
      hval = ((hval << 8) | at(ip + 2)) & 0xffffff;
      htab[idx(hval)] = ip + 1;
      ip++;
      hval = ((hval << 8) | at(ip + 2)) & 0xffffff;
      htab[idx(hval)] = ip + 1;
      ip++;
    } else {
      if (op >= outLen) return null;
      copyLiteral();
    }
  }
  if (op + 3 > outLen) return null;
  while (ip < inLen) copyLiteral();
  out[op - lit - 1] = lit - 1; // end run
  if (lit === 0) op--;
  let s = '';
  for (let i = 0; i < op; i++) s += String.fromCharCode(out[i] as number);
  return s;
}

/** Decompresses to exactly `outLen` bytes; null for corrupt input (Redis: "Bad data format"). */
export function lzfDecompress(input: string, outLen: number): string | null {
  const out: number[] = [];
  let ip = 0;
  while (ip < input.length) {
    let ctrl = input.charCodeAt(ip++);
    if (ctrl < 1 << 5) {
      ctrl++;
      if (out.length + ctrl > outLen || ip + ctrl > input.length) return null;
      for (let i = 0; i < ctrl; i++) out.push(input.charCodeAt(ip++));
    } else {
      let len = ctrl >> 5;
      let ref = out.length - ((ctrl & 0x1f) << 8) - 1;
      if (ip >= input.length) return null;
      if (len === 7) {
        len += input.charCodeAt(ip++);
        if (ip >= input.length) return null;
      }
      ref -= input.charCodeAt(ip++);
      len += 2;
      if (out.length + len > outLen || ref < 0) return null;
      for (let i = 0; i < len; i++) out.push(out[ref + i] as number);
    }
  }
  if (out.length !== outLen) return null;
  let s = '';
  for (const b of out) s += String.fromCharCode(b);
  return s;
}
