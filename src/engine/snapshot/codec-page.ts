import { type ByteReader, type ByteWriter, FormatError } from './byte-io.ts';
import type { SavedDoc, SavedLine } from './snapshot.ts';

/** A snapshot's docs page (a lesson or a pasted page, and its step) and console transcript lines. */

export function writeDoc(w: ByteWriter, d: SavedDoc): void {
  w.u8(d.kind === 'lesson' ? 0 : 1);
  if (d.kind === 'lesson') w.text(d.id);
  else {
    w.text(d.path);
    w.text(d.source);
    w.u8(d.keyspace ?? 0);
  }
  w.uint(d.step);
}

export function readDoc(r: ByteReader): SavedDoc {
  const kind = r.u8();
  if (kind === 0) {
    const id = r.text();
    return { kind: 'lesson', id, step: r.uint() };
  }
  if (kind !== 1) throw new FormatError(`unknown page kind ${kind}`);
  const path = r.text();
  const source = r.text();
  const keyspace = r.u8();
  if (keyspace > 2) throw new FormatError(`unknown keyspace mode ${keyspace}`);
  const step = r.uint();
  return { kind: 'page', path, source, step, ...(keyspace > 0 ? { keyspace } : {}) };
}

export function writeLine(w: ByteWriter, l: SavedLine): void {
  w.text(l.line);
  w.text(l.text);
  w.text(l.prompt);
  w.f64(l.at);
  w.u8((l.isError ? 1 : 0) | (l.local ? 2 : 0));
  w.uint(l.slept ?? 0);
}

export function readLine(r: ByteReader): SavedLine {
  const line = r.text();
  const text = r.text();
  const prompt = r.text();
  const at = r.f64();
  const flags = r.u8();
  const slept = r.uint();
  return {
    line,
    text,
    prompt,
    at,
    isError: (flags & 1) !== 0,
    ...(flags & 2 ? { local: true } : {}),
    ...(slept > 0 ? { slept } : {}),
  };
}
