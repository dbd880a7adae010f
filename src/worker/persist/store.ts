import { ByteReader, ByteWriter } from '../../engine/snapshot/byte-io.ts';
import { decodeSnapshot, encodeSnapshot, SnapshotError } from '../../engine/snapshot/codec.ts';
import { decodeLog, encodeRecord, type LogRecord } from '../../engine/snapshot/log.ts';
import type { PlaygroundSnapshot } from '../../engine/snapshot/snapshot.ts';

/**
 * A playground's files: two snapshot slots and a write-ahead log. A checkpoint goes to the slot not
 * holding the current snapshot, with the next generation number, and only once it is written is
 * the log emptied, so a tab killed at any point leaves either the old snapshot with its log or the
 * new one. Records carry their generation: a log left over from before a checkpoint is ignored.
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
}

export type LoadResult =
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'loaded';
      readonly snapshot: PlaygroundSnapshot;
      readonly records: readonly LogRecord[];
      /** The log ended in a torn record (a tab killed while writing), which was dropped. */
      readonly tornTail: boolean;
    }
  /** Nothing could be read: `reason` says why; the bytes are handed back to be set aside. */
  | { readonly kind: 'unreadable'; readonly reason: string; readonly files: Record<string, Uint8Array> };

const SLOT_HEADER = 8;

export class PlaygroundStore {
  private generation = 0;
  private current: 'a' | 'b' | null = null;
  private logSize = 0;

  constructor(private readonly files: StoreFiles) {}

  get logBytes(): number {
    return this.logSize;
  }

  get gen(): number {
    return this.generation;
  }

  load(): LoadResult {
    const slots = (['a', 'b'] as const).map((name) => ({ name, ...this.readSlot(name) }));
    const good = slots
      .filter((s): s is typeof s & { snapshot: PlaygroundSnapshot } => s.snapshot !== undefined)
      .sort((x, y) => y.generation - x.generation);
    const best = good[0];
    if (best === undefined) {
      const problem = slots.find((s) => s.error !== undefined);
      if (problem === undefined && this.files.log.size() === 0) return { kind: 'empty' };
      return {
        kind: 'unreadable',
        reason: problem?.error ?? 'its snapshot is missing',
        files: {
          a: readAll(this.files.a),
          b: readAll(this.files.b),
          log: readAll(this.files.log),
        },
      };
    }
    this.generation = best.generation;
    this.current = best.name;
    const log = decodeLog(readAll(this.files.log));
    const records = log.records.filter((r) => r.generation === best.generation);
    this.logSize = log.validBytes;
    if (log.damaged) this.files.log.truncate(log.validBytes);
    return { kind: 'loaded', snapshot: best.snapshot, records, tornTail: log.damaged };
  }

  private readSlot(name: 'a' | 'b'): { generation: number; snapshot?: PlaygroundSnapshot; error?: string } {
    const file = this.files[name];
    if (file.size() < SLOT_HEADER) return { generation: 0 };
    const bytes = readAll(file);
    const r = new ByteReader(bytes);
    const generation = r.u32();
    const length = r.u32();
    if (length !== bytes.length - SLOT_HEADER) return { generation, error: 'its snapshot was cut short' };
    try {
      return { generation, snapshot: decodeSnapshot(bytes.subarray(SLOT_HEADER)) };
    } catch (e) {
      if (e instanceof SnapshotError) return { generation, error: e.message };
      throw e;
    }
  }

  /** Appends one record (written to the OS, which keeps it if the tab is killed; not fsynced). */
  append(record: Omit<LogRecord, 'generation'>): void {
    const bytes = encodeRecord({ ...record, generation: this.generation } as LogRecord);
    this.files.log.write(bytes, this.logSize);
    this.logSize += bytes.length;
  }

  /** Writes a whole snapshot as the next generation, then empties the log. */
  checkpoint(snapshot: PlaygroundSnapshot): number {
    const body = encodeSnapshot(snapshot);
    const header = new ByteWriter(SLOT_HEADER);
    header.u32(this.generation + 1);
    header.u32(body.length);
    const target = this.current === 'a' ? 'b' : 'a';
    const file = this.files[target];
    file.truncate(0);
    file.write(header.finish(), 0);
    file.write(body, SLOT_HEADER);
    this.generation++;
    this.current = target;
    this.files.log.truncate(0);
    this.logSize = 0;
    return body.length + SLOT_HEADER;
  }

  /** Empties every file (Reset playground): the next checkpoint starts generation 1 again. */
  wipe(): void {
    for (const f of [this.files.a, this.files.b, this.files.log]) f.truncate(0);
    this.generation = 0;
    this.current = null;
    this.logSize = 0;
  }

  close(): void {
    for (const f of [this.files.a, this.files.b, this.files.log]) f.close();
  }
}

function readAll(file: SyncFile): Uint8Array {
  return file.read(0, file.size());
}

/** A file in memory (tests; and what a closed tab's files look like to the next one). */
export class MemoryFile implements SyncFile {
  data = new Uint8Array(0);
  /** Throws this on the next write (a full disk in tests). */
  failWith: Error | null = null;
  closed = false;

  size(): number {
    return this.data.length;
  }

  read(at: number, length: number): Uint8Array {
    return this.data.slice(at, at + length);
  }

  write(bytes: Uint8Array, at: number): void {
    if (this.failWith) throw this.failWith;
    const end = at + bytes.length;
    if (end > this.data.length) {
      const grown = new Uint8Array(end);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(bytes, at);
  }

  truncate(size: number): void {
    this.data = this.data.slice(0, size);
  }

  close(): void {
    this.closed = true;
  }
}

export function memoryFiles(): { a: MemoryFile; b: MemoryFile; log: MemoryFile } {
  return { a: new MemoryFile(), b: new MemoryFile(), log: new MemoryFile() };
}
