/** MurmurHash64A, the hash behind HyperLogLog's registers (hyperloglog.c). */

const M = 0xc6a4a7935bd1e995n;
const MASK64 = 0xffffffffffffffffn;
const mul = (a: bigint, b: bigint) => (a * b) & MASK64;

/** MurmurHash2, 64-bit version, reading 8-byte blocks little endian as Redis does on x86. */
export function murmurHash64A(bytes: string, seed: number): bigint {
  const len = bytes.length;
  let h = BigInt(seed) ^ mul(BigInt(len), M);
  const blocks = len - (len & 7);
  for (let i = 0; i < blocks; i += 8) {
    const lo =
      (bytes.charCodeAt(i) |
        (bytes.charCodeAt(i + 1) << 8) |
        (bytes.charCodeAt(i + 2) << 16) |
        (bytes.charCodeAt(i + 3) << 24)) >>>
      0;
    const hi =
      (bytes.charCodeAt(i + 4) |
        (bytes.charCodeAt(i + 5) << 8) |
        (bytes.charCodeAt(i + 6) << 16) |
        (bytes.charCodeAt(i + 7) << 24)) >>>
      0;
    let k = (BigInt(hi) << 32n) | BigInt(lo);
    k = mul(k, M);
    k ^= k >> 47n;
    k = mul(k, M);
    h ^= k;
    h = mul(h, M);
  }
  const rest = len & 7;
  if (rest > 0) {
    for (let i = rest - 1; i >= 0; i--) h ^= BigInt(bytes.charCodeAt(blocks + i)) << BigInt(8 * i);
    h = mul(h, M);
  }
  h ^= h >> 47n;
  h = mul(h, M);
  h ^= h >> 47n;
  return h;
}
