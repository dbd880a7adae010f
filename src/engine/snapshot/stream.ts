import { isConverted } from '../encodings.ts';
import type { Engine } from '../engine.ts';
import { memberTtls } from '../field-expiry.ts';
import type { Db, Entry, Keyspace, Value } from '../keyspace.ts';
import { isSticky } from '../sticky.ts';
import { ByteWriter, crc32 } from './byte-io.ts';
import { type SnapshotHead, writeDbEnd, writeDbStart, writeEnd, writeHead, writeKey } from './codec.ts';
import { beyond, saveKey } from './snapshot.ts';

/**
 * A snapshot written in slices while the playground keeps running: `next` encodes keys until its
 * budget runs out and hands back the bytes, so no worker task waits for a million keys at once.
 *
 * It starts from the small state as it was when the stream began (the head) and each database's
 * keys as they are when the slice reaches them; only keys that existed at the start are written
 * (keys created later, re-created ones included, sit after them in the dict's creation order and
 * are in the log). Every change made meanwhile goes to the log as an effect record, whose replay
 * sets each key it names to its final state whatever the snapshot holds, so snapshot + the records
 * after the stream's start give the exact playground. (A command record cannot be replayed over
 * half its own effects: the store abandons a stream when one is written, persistence.ts.) The
 * expires index's order is not kept (a restore shuffles it again).
 */

interface DbCursor {
  readonly db: Db;
  /** Keys numbered after this were created after the start. */
  readonly lastSeq: number;
  readonly iter: Iterator<Entry>;
  prevSeq: number;
  started: boolean;
}

export class SnapshotStream {
  private readonly cursors: DbCursor[];
  private readonly w: ByteWriter;
  private crc = 0;
  /** The last slice handed out still sits in the writer's buffer. */
  private pending = false;
  private finished = false;
  /** Bytes handed out so far. */
  written = 0;

  private readonly ks: Keyspace;

  constructor(engine: Engine, head: SnapshotHead) {
    this.ks = engine.ks;
    this.w = new ByteWriter(64 * 1024);
    writeHead(this.w, head);
    // The same databases captureEngine keeps: those that hold keys or differ from a fresh one.
    this.cursors = engine.ks.dbs
      .filter((db) => db.dict.lastSeq !== 0 || db.expiresCursor !== 0 || db.avgTtl !== 0)
      .map((db) => ({
        db,
        lastSeq: db.dict.lastSeq,
        // The dict's map as it is now: a later rebuild or flush leaves this one as it was, and
        // entries removed meanwhile are marked dead, so they are skipped.
        iter: db.dict.values(),
        prevSeq: 0,
        started: false,
      }));
  }

  get done(): boolean {
    return this.finished;
  }

  /**
   * Encodes keys until `more()` says stop (checked every `every` keys) or the snapshot is complete;
   * returns the bytes encoded, the last slice ending with the CRC-32 of all of them. The bytes are
   * a view of the stream's buffer: write or copy them before the next call.
   */
  next(more: () => boolean, every = 64): Uint8Array {
    const w = this.w;
    if (this.pending) w.reset();
    this.pending = false;
    let n = 0;
    while (this.cursors.length > 0) {
      const c = this.cursors[0] as DbCursor;
      if (!c.started) {
        writeDbStart(w, { id: c.db.id, expiresCursor: c.db.expiresCursor, avgTtl: c.db.avgTtl });
        c.started = true;
      }
      const r = c.iter.next();
      if (r.done || r.value.seq > c.lastSeq) {
        writeDbEnd(w, c.lastSeq, null);
        this.cursors.shift();
        continue;
      }
      const e = r.value;
      if (e.type !== 'string' && memberTtls(e.coll)) {
        // Member deadlines (and a hash's place in the field pass) go the general way.
        const saved = saveKey(this.ks, e);
        writeKey(w, saved, saved.value, c.prevSeq);
        c.prevSeq = e.seq;
        if (++n % every === 0 && !more()) return this.take(false);
        continue;
      }
      const converted = e.type !== 'string' && isConverted(e.coll);
      const beyondListpack = beyond(e);
      const sticky = isSticky(e);
      // The entry holds its value's fields itself: written as it is, no copy.
      writeKey(
        w,
        { key: e.key, seq: e.seq, expiresAt: e.expiresAt, bytes: e.bytes, converted, beyondListpack, sticky },
        e as Value,
        c.prevSeq,
      );
      c.prevSeq = e.seq;
      if (++n % every === 0 && !more()) return this.take(false);
    }
    writeEnd(w);
    return this.take(true);
  }

  /** The slice's bytes, from the writer's own buffer (one buffer for all slices: no garbage). */
  private take(last: boolean): Uint8Array {
    const w = this.w;
    this.crc = crc32(w.written(), 0, w.length, this.crc);
    if (last) {
      w.u32(this.crc);
      this.finished = true;
    }
    const bytes = w.written();
    this.written += bytes.length;
    this.pending = true;
    return bytes;
  }
}
