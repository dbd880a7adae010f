/**
 * Keys and values are byte strings: JS strings whose every char code is 0..255 (one char per byte).
 * This keeps Map lookups and slicing fast while staying binary safe; text typed by a user is
 * UTF-8 encoded on the way in, exactly as redis-cli sends it.
 */

/**
 * The longest byte string the engine holds: the longest string Chromium's JavaScript can hold
 * (2^29 − 24 chars), 24 bytes short of Redis's 512 MB (proto-max-bulk-len). A command that would
 * build a longer value gets Redis's OOM error, as a server that cannot allocate it would answer.
 */
export const MAX_VALUE_BYTES = 2 ** 29 - 24;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** True when every char of `s` is 7-bit ASCII, so its UTF-8 form is itself. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) return false;
  }
  return true;
}

/** UTF-8 encode a JS (UTF-16) string into a byte string. */
export function utf8ToBytes(text: string): string {
  if (isAscii(text)) return text;
  return bytesFromArray(encoder.encode(text));
}

/** Decode a byte string as UTF-8 (invalid sequences become U+FFFD). */
export function bytesToUtf8(bytes: string): string {
  if (isAscii(bytes)) return bytes;
  return decoder.decode(bytesToArray(bytes));
}

export function bytesFromArray(arr: Uint8Array): string {
  let out = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < arr.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, Array.from(arr.subarray(i, i + CHUNK)));
  }
  return out;
}

export function bytesToArray(bytes: string): Uint8Array {
  const arr = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) arr[i] = bytes.charCodeAt(i) & 0xff;
  return arr;
}
