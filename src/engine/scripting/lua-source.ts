/**
 * Lua 5.1, which Redis embeds, has one number type: doubles. fengari is Lua 5.3 with 32-bit
 * integers, so `ARGV[1] * 1000` on a Unix time would wrap around. Making every integer literal a
 * float literal (`1000` → `1000.0`) keeps arithmetic in doubles, as in Redis; with fengari's
 * LUA_COMPAT_FLOATSTRING, integral floats still print as `1000`. Only numerals are touched (not
 * strings, comments or names), and nothing moves across lines, so error line numbers stay right.
 */
export function floatLiterals(src: string): string {
  let out = '';
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] as string;
    if (c === '-' && src[i + 1] === '-') {
      const end = skipComment(src, i);
      out += src.slice(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      const end = skipQuoted(src, i);
      out += src.slice(i, end);
      i = end;
    } else if (c === '[' && longBracketLevel(src, i) >= 0) {
      const end = skipLong(src, i);
      out += src.slice(i, end);
      i = end;
    } else if (isDigit(c) || (c === '.' && isDigit(src[i + 1]))) {
      const end = numeralEnd(src, i);
      const text = src.slice(i, end);
      out += isIntegerNumeral(text) ? `${text}.0` : text;
      i = end;
    } else if (isNameStart(c)) {
      let end = i + 1;
      while (end < n && isNamePart(src[end])) end++;
      out += src.slice(i, end);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isNamePart(c: string | undefined): boolean {
  return c !== undefined && (isNameStart(c) || isDigit(c));
}

function isIntegerNumeral(text: string): boolean {
  if (/^0[xX]/.test(text)) return /^0[xX][0-9a-fA-F]+$/.test(text);
  return /^[0-9]+$/.test(text);
}

/** Lua's lexer reads a numeral greedily: digits, '.', exponent marks with their sign, hex digits. */
function numeralEnd(src: string, start: number): number {
  const hex = src[start] === '0' && (src[start + 1] === 'x' || src[start + 1] === 'X');
  const expo = hex ? 'Pp' : 'Ee';
  let i = hex ? start + 2 : start;
  while (i < src.length) {
    const c = src[i] as string;
    if (expo.includes(c) && (src[i + 1] === '+' || src[i + 1] === '-')) i += 2;
    else if (/[0-9a-zA-Z_.]/.test(c)) i++;
    else break;
  }
  return i;
}

/** `[[`, `[=[`, `[==[`…: the level, or -1 when `[` does not open a long bracket. */
function longBracketLevel(src: string, at: number): number {
  let i = at + 1;
  while (src[i] === '=') i++;
  return src[i] === '[' ? i - at - 1 : -1;
}

function skipLong(src: string, at: number): number {
  const level = longBracketLevel(src, at);
  const close = `]${'='.repeat(level)}]`;
  const end = src.indexOf(close, at + level + 2);
  return end < 0 ? src.length : end + close.length;
}

function skipQuoted(src: string, at: number): number {
  const quote = src[at];
  let i = at + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (c === quote || c === '\n') return i + 1;
    else i++;
  }
  return i;
}

function skipComment(src: string, at: number): number {
  if (src[at + 2] === '[' && longBracketLevel(src, at + 2) >= 0) return skipLong(src, at + 2);
  const nl = src.indexOf('\n', at);
  return nl < 0 ? src.length : nl;
}
