/**
 * CRC-64/Jones as Redis's crc64.c computes it (polynomial 0xad93d23594c935a9, reflected, init 0, no
 * final xor): the checksum that ends every DUMP payload. Table-driven over byte strings.
 */
const POLY_REFLECTED = 0x95ac9329ac4bc9b5n;
const MASK = 0xffffffffffffffffn;

const TABLE: bigint[] = (() => {
  const t: bigint[] = [];
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n);
    for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ POLY_REFLECTED : c >> 1n;
    t.push(c);
  }
  return t;
})();

export function crc64(bytes: string, crc = 0n): bigint {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) {
    c = (TABLE[Number((c ^ BigInt(bytes.charCodeAt(i))) & 0xffn)] as bigint) ^ (c >> 8n);
  }
  return c & MASK;
}

/** The checksum as Redis appends it: 8 bytes, little-endian. */
export function crc64Bytes(bytes: string): string {
  let c = crc64(bytes);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out += String.fromCharCode(Number(c & 0xffn));
    c >>= 8n;
  }
  return out;
}
