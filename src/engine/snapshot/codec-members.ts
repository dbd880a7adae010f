import type { TtlFlavour } from '../field-expiry.ts';
import { type ByteReader, type ByteWriter, FormatError } from './byte-io.ts';
import type { SavedMemberTtls } from './snapshot.ts';

/** A snapshot entry's single-member deadlines (Redis 7.4's hash fields, Dragonfly's fields and members). */

const FLAVOURS: readonly TtlFlavour[] = ['redis', 'dragonfly'];

export function writeMemberTtls(w: ByteWriter, t: SavedMemberTtls): void {
  w.u8(FLAVOURS.indexOf(t.flavour));
  // 0: not registered, 1: registered at the time that follows, 2: at its earliest deadline.
  if (t.registeredAt === undefined) w.u8(2);
  else if (t.registeredAt === null) w.u8(0);
  else {
    w.u8(1);
    w.f64(t.registeredAt);
  }
  w.uint(t.at.length);
  for (const [m, at] of t.at) {
    w.bytes(m);
    w.f64(at);
  }
}

export function readMemberTtls(r: ByteReader): SavedMemberTtls {
  const flavour = FLAVOURS[r.u8()];
  if (flavour === undefined) throw new FormatError('unknown member deadline kind');
  const tag = r.u8();
  if (tag > 2) throw new FormatError(`unknown registration tag ${tag}`);
  const registeredAt = tag === 1 ? r.f64() : tag === 0 ? null : undefined;
  const at: [string, number][] = [];
  for (let n = r.count(9), i = 0; i < n; i++) at.push([r.bytes(), r.f64()]);
  return { flavour, at, ...(registeredAt !== undefined ? { registeredAt } : {}) };
}
