import { ByteReader, ByteWriter } from '../../engine/snapshot/byte-io.ts';
import { decodeSnapshot, encodeSnapshot, SnapshotError } from '../../engine/snapshot/codec.ts';
import {
  type CommandRecord,
  decodeLog,
  type EffectRecord,
  encodeRecord,
  type LogRecord,
} from '../../engine/snapshot/log.ts';
import type { PlaygroundSnapshot } from '../../engine/snapshot/snapshot.ts';

/**
 * A playground's files: two snapshot slots and two write-ahead logs. Records are numbered (`lsn`);
 * a slot's header says after which record its log continues, so a restore takes the newest complete
 * slot and replays every record numbered after it, from both logs, in order.
 *
 * A snapshot is written to the slot not holding the current one, either at once (`checkpoint`: a
 * fresh or reset playground, which is small) or in slices across many frames (`beginStream`,
 * `writeStream`, `finishStream`) while records keep being appended; its header, the last thing
 * written, makes it count. A tab killed at any point leaves the old slot with every record after
 * it, or the new one. Appends switch to the other log when a stream starts if that log holds
 * nothing the current slot still needs, and a log is emptied only once a complete slot covers it.
 * Files are synchronous (OPFS sync access handles in the worker, memory in tests), so a record is
 * written before the reply it holds is posted to the page. Writes go to the operating system, which
 * keeps them when the tab or the browser is killed; there is no fsync on the way (one can stall the
 * worker for seconds on a busy disk), so a power cut may lose the last moments.
 */

export interface SyncFile {
  size(): number;
  read(at: number, length: number): Uint8Array;
  write(bytes: Uint8Array, at: number): void;
  truncate(size: number): void;
  close(): void;
}

export interface StoreFiles {
  readonly a: SyncFile;
  readonly b: SyncFile;
  readonly log: SyncFile;
  readonly log2: SyncFile;
}

export type LoadResult =
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'loaded';
      readonly snapshot: PlaygroundSnapshot;
      readonly records: readonly LogRecord[];
      /** The log ended in a torn record (a tab killed while writing), which was dropped. */
      readonly tornTail: boolean;
      /**
       * The files must be rewritten before more records go after them: an older format, or records
       * missing in the middle of a log (damage), after which later ones were left out.
       */
      readonly rewrite: boolean;
    }
  /** Nothing could be read: `reason` says why; the bytes are handed back to be set aside. */
  | { readonly kind: 'unreadable'; readonly reason: string; readonly files: Record<string, Uint8Array> };

/** Format 1 slots: generation and length. */
const SLOT_HEADER_V1 = 8;
/** Generation, length, and the last record the snapshot holds. */
const SLOT_HEADER = 12;
type Slot = 'a' | 'b';
type Log = 'log' | 'log2';
const other = (l: Log): Log => (l === 'log' ? 'log2' : 'log');

interface Stream {
  readonly slot: Slot;
  readonly fromLsn: number;
  /** Bytes of records written before it began (what it will make unneeded). */
  readonly logBytesBefore: number;
  size: number;
}

export class PlaygroundStore {
  private generation = 0;
  private current: Slot | null = null;
  /** The current slot holds every record numbered up to this. */
  private fromLsn = 0;
  private lsn = 0;
  private active: Log = 'log';
  private readonly sizes = { log: 0, log2: 0 };
  private readonly maxLsn = { log: 0, log2: 0 };
  private pendingBytes = 0;
  private stream: Stream | null = null;

  constructor(private readonly files: StoreFiles) {}

  /** Bytes of the records a restore would replay (roughly: what a new snapshot would fold). */
  get logBytes(): number {
    return this.pendingBytes;
  }

  get gen(): number {
    return this.generation;
  }

  get lastLsn(): number {
    return this.lsn;
  }

  get streaming(): boolean {
    return this.stream !== null;
  }

  load(): LoadResult {
    const slots = (['a', 'b'] as const).map((name) => ({ name, ...this.readSlot(name) }));
    const good = slots
      .filter((s): s is typeof s & { snapshot: PlaygroundSnapshot } => s.snapshot !== undefined)
      .sort((x, y) => y.generation - x.generation);
    const best = good[0];
    if (best === undefined) {
      const problem = slots.find((s) => s.error !== undefined);
      const logs = this.files.log.size() + this.files.log2.size();
      if (problem === undefined && logs === 0) return { kind: 'empty' };
      const files: Record<string, Uint8Array> = {};
      for (const k of ['a', 'b', 'log', 'log2'] as const) files[k] = readAll(this.files[k]);
      return { kind: 'unreadable', reason: problem?.error ?? 'its snapshot is missing', files };
    }
    this.generation = best.generation;
    this.current = best.name;
    let tornTail = false;
    const all: LogRecord[] = [];
    for (const name of ['log', 'log2'] as const) {
      const log = decodeLog(readAll(this.files[name]));
      this.sizes[name] = log.validBytes;
      this.maxLsn[name] = log.records.at(-1)?.lsn ?? 0;
      if (log.damaged) {
        this.files[name].truncate(log.validBytes);
        tornTail = true;
      }
      all.push(...log.records);
    }
    if (best.fromLsn === null) {
      // Format 1: records carry their snapshot's generation instead of a number.
      const records = all.filter((r) => r.lsn === best.generation);
      return { kind: 'loaded', snapshot: best.snapshot, records, tornTail, rewrite: true };
    }
    const from = best.fromLsn;
    this.fromLsn = from;
    this.active = this.maxLsn.log2 > this.maxLsn.log ? 'log2' : 'log';
    this.lsn = Math.max(from, this.maxLsn.log, this.maxLsn.log2);
    const after = all.filter((r) => r.lsn > from).sort((x, y) => x.lsn - y.lsn);
    const records: LogRecord[] = [];
    for (const r of after) {
      if (r.lsn !== from + records.length + 1) break;
      records.push(r);
    }
    this.pendingBytes = this.sizes.log + this.sizes.log2;
    const rewrite = records.length !== after.length;
    return { kind: 'loaded', snapshot: best.snapshot, records, tornTail, rewrite };
  }

  private readSlot(name: Slot): {
    generation: number;
    fromLsn: number | null;
    snapshot?: PlaygroundSnapshot;
    error?: string;
  } {
    const file = this.files[name];
    if (file.size() < SLOT_HEADER_V1) return { generation: 0, fromLsn: null };
    const bytes = readAll(file);
    const r = new ByteReader(bytes);
    const generation = r.u32();
    const length = r.u32();
    let header = SLOT_HEADER;
    let fromLsn: number | null = null;
    if (length === bytes.length - SLOT_HEADER_V1) header = SLOT_HEADER_V1;
    else if (length === bytes.length - SLOT_HEADER && length > 0) fromLsn = r.u32();
    else return { generation, fromLsn, error: 'its snapshot was cut short' };
    try {
      return { generation, fromLsn, snapshot: decodeSnapshot(bytes.subarray(header)) };
    } catch (e) {
      if (e instanceof SnapshotError) return { generation, fromLsn, error: e.message };
      throw e;
    }
  }

  /** Appends one record with the next number (to the OS, which keeps it if the tab is killed). */
  append(record: Omit<EffectRecord, 'lsn'> | Omit<CommandRecord, 'lsn'>): number {
    const lsn = this.lsn + 1;
    const bytes = encodeRecord({ ...record, lsn } as LogRecord);
    this.files[this.active].write(bytes, this.sizes[this.active]);
    this.lsn = lsn;
    this.sizes[this.active] += bytes.length;
    this.maxLsn[this.active] = lsn;
    this.pendingBytes += bytes.length;
    return lsn;
  }

  /** Writes a whole snapshot at once as the next generation, then empties the logs. */
  checkpoint(snapshot: PlaygroundSnapshot): number {
    this.stream = null;
    const body = encodeSnapshot(snapshot);
    const target = this.spareSlot();
    const file = this.files[target];
    file.truncate(0);
    file.write(body, SLOT_HEADER);
    file.write(this.header(body.length, this.lsn), 0);
    this.switchTo(target, this.lsn);
    for (const name of ['log', 'log2'] as const) this.emptyLog(name);
    this.pendingBytes = 0;
    return body.length + SLOT_HEADER;
  }

  /** Starts a snapshot written in slices; it holds every record written so far. */
  beginStream(): void {
    const spare = other(this.active);
    if (this.maxLsn[spare] <= this.fromLsn) {
      this.emptyLog(spare);
      this.active = spare;
    }
    const slot = this.spareSlot();
    this.files[slot].truncate(0);
    // A zero header: until finishStream writes the real one, a restore sees a cut-short slot.
    this.files[slot].write(new Uint8Array(SLOT_HEADER), 0);
    this.stream = { slot, fromLsn: this.lsn, logBytesBefore: this.pendingBytes, size: SLOT_HEADER };
  }

  writeStream(bytes: Uint8Array): void {
    const s = this.stream;
    if (s === null) throw new Error('no snapshot is being written');
    this.files[s.slot].write(bytes, s.size);
    s.size += bytes.length;
  }

  /** Makes the streamed snapshot the current one; returns its size. */
  finishStream(): number {
    const s = this.stream;
    if (s === null) throw new Error('no snapshot is being written');
    this.files[s.slot].write(this.header(s.size - SLOT_HEADER, s.fromLsn), 0);
    this.stream = null;
    this.switchTo(s.slot, s.fromLsn);
    if (this.maxLsn[other(this.active)] <= s.fromLsn) this.emptyLog(other(this.active));
    this.pendingBytes = Math.max(0, this.pendingBytes - s.logBytesBefore);
    return s.size;
  }

  /** Gives up the snapshot being written (a record it could not hold was written meanwhile). */
  abortStream(): void {
    this.stream = null;
  }

  /** Empties every file (Reset playground): the next checkpoint starts generation 1 again. */
  wipe(): void {
    for (const f of this.all()) f.truncate(0);
    this.generation = 0;
    this.current = null;
    this.fromLsn = 0;
    this.lsn = 0;
    this.active = 'log';
    this.sizes.log = this.sizes.log2 = 0;
    this.maxLsn.log = this.maxLsn.log2 = 0;
    this.pendingBytes = 0;
    this.stream = null;
  }

  close(): void {
    for (const f of this.all()) f.close();
  }

  private all(): SyncFile[] {
    return [this.files.a, this.files.b, this.files.log, this.files.log2];
  }

  private spareSlot(): Slot {
    return this.current === 'a' ? 'b' : 'a';
  }

  private header(length: number, fromLsn: number): Uint8Array {
    const w = new ByteWriter(SLOT_HEADER);
    w.u32(this.generation + 1);
    w.u32(length);
    w.u32(fromLsn);
    return w.finish();
  }

  private switchTo(slot: Slot, fromLsn: number): void {
    this.generation++;
    this.current = slot;
    this.fromLsn = fromLsn;
  }

  private emptyLog(name: Log): void {
    if (this.sizes[name] > 0 || this.files[name].size() > 0) this.files[name].truncate(0);
    this.sizes[name] = 0;
    this.maxLsn[name] = 0;
  }
}

function readAll(file: SyncFile): Uint8Array {
  return file.read(0, file.size());
}

/** A file in memory (tests, the bench; and what a closed tab's files look like to the next one). */
export class MemoryFile implements SyncFile {
  private buf: Uint8Array = new Uint8Array(0);
  private len = 0;
  /** Throws this on the next write (a full disk in tests). */
  failWith: Error | null = null;
  closed = false;

  /** The file's bytes (a view: copy it to keep it). */
  get data(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  set data(bytes: Uint8Array) {
    this.buf = bytes;
    this.len = bytes.length;
  }

  size(): number {
    return this.len;
  }

  read(at: number, length: number): Uint8Array {
    return this.buf.slice(at, Math.min(at + length, this.len));
  }

  write(bytes: Uint8Array, at: number): void {
    if (this.failWith) throw this.failWith;
    const end = at + bytes.length;
    if (end > this.buf.length) {
      // Grown by doubling, as a real file's blocks are not copied on every append.
      const grown = new Uint8Array(Math.max(end, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    if (at > this.len) this.buf.fill(0, this.len, at);
    this.buf.set(bytes, at);
    this.len = Math.max(this.len, end);
  }

  truncate(size: number): void {
    if (size < this.len) this.buf.fill(0, size, this.len);
    else if (size > this.buf.length) this.write(new Uint8Array(0), size);
    this.len = size;
  }

  close(): void {
    this.closed = true;
  }
}

export function memoryFiles(): { a: MemoryFile; b: MemoryFile; log: MemoryFile; log2: MemoryFile } {
  return { a: new MemoryFile(), b: new MemoryFile(), log: new MemoryFile(), log2: new MemoryFile() };
}
