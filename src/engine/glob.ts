/**
 * Redis's glob matcher (util.c stringmatchlen) for KEYS, SCAN MATCH and CONFIG GET, on byte strings.
 * Differences from shell globs that users trip on: only `^` negates a class (`[!a]` is "! or a"),
 * reversed ranges are swapped, a class without `]` runs to the end of the pattern, and `\` escapes
 * the next byte anywhere (a trailing lone `\` matches a backslash).
 */
export function globMatch(pattern: string, subject: string, nocase = false): boolean {
  const skip = { longer: false };
  return matchFrom(pattern, 0, subject, 0, nocase, skip);
}

function fold(c: number, nocase: boolean): number {
  return nocase && c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

function matchFrom(
  pat: string,
  pi: number,
  str: string,
  si: number,
  nocase: boolean,
  // Once the rest of the pattern failed against every suffix, longer matches of an earlier `*`
  // cannot help either: this flag stops the search (it keeps `*a*a*a*b` from going exponential).
  skip: { longer: boolean },
): boolean {
  const plen = pat.length;
  const slen = str.length;
  while (pi < plen && si < slen) {
    const pc = pat.charCodeAt(pi);
    if (pc === 0x2a /* * */) {
      while (pi + 1 < plen && pat.charCodeAt(pi + 1) === 0x2a) pi++;
      if (pi + 1 === plen) return true;
      while (si < slen) {
        if (matchFrom(pat, pi + 1, str, si, nocase, skip)) return true;
        if (skip.longer) return false;
        si++;
      }
      skip.longer = true;
      return false;
    }
    if (pc === 0x3f /* ? */) {
      si++;
    } else if (pc === 0x5b /* [ */) {
      pi++;
      const not = pat.charCodeAt(pi) === 0x5e; /* ^ */
      if (not) pi++;
      let match = false;
      const sc = str.charCodeAt(si);
      while (true) {
        const c = pat.charCodeAt(pi); // NaN past the end, like reading the C string's terminator
        if (c === 0x5c && plen - pi >= 2) {
          pi++;
          if (pat.charCodeAt(pi) === sc) match = true;
        } else if (c === 0x5d /* ] */) {
          break;
        } else if (pi >= plen) {
          pi--;
          break;
        } else if (plen - pi >= 3 && pat.charCodeAt(pi + 1) === 0x2d /* - */) {
          let start = fold(c, nocase);
          let end = fold(pat.charCodeAt(pi + 2), nocase);
          const ch = fold(sc, nocase);
          if (start > end) [start, end] = [end, start];
          pi += 2;
          if (ch >= start && ch <= end) match = true;
        } else if (fold(c, nocase) === fold(sc, nocase)) {
          match = true;
        }
        pi++;
      }
      if (not) match = !match;
      if (!match) return false;
      si++;
    } else {
      if (pc === 0x5c /* \ */ && plen - pi >= 2) pi++;
      if (fold(pat.charCodeAt(pi), nocase) !== fold(str.charCodeAt(si), nocase)) return false;
      si++;
    }
    pi++;
    if (si === slen) {
      while (pi < plen && pat.charCodeAt(pi) === 0x2a) pi++;
      break;
    }
  }
  return pi === plen && si === slen;
}
