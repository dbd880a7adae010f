import { utf8ToBytes } from '../engine/bytes.ts';
import type { Engine } from '../engine/engine.ts';
import { globMatch } from '../engine/glob.ts';
import { type Entry, NO_EXPIRY, type RemovalReason } from '../engine/keyspace.ts';
import {
  type KeyRow,
  PROTOCOL_VERSION,
  type RemovedMark,
  type TableQuery,
  type TableRow,
  type TableWindow,
} from './protocol.ts';
import { previewOf } from './rows.ts';
import { type IndexItem, SortedIndex, sameOrder } from './table-index.ts';

/**
 * The key table as each viewer sees it (the page's own table; an audience window's through the
 * presenter's page), owned by the worker: the shown session's keys of the first console's database,
 * filtered and sorted here (table-index.ts), of which a viewer holds only the window it asked for.
 * The keyspace's hooks keep the indexes current; `post` (once per flush, and at once when a viewer
 * asks) sweeps rows removed long enough ago and sends each viewer whose window changed its rows,
 * the total and the selected key's row. Viewers with the same filter and sort share one index.
 */

/** How long a removed row stays on show, marked with how it went (real ms). */
export const GHOST_MS = 1500;
/** The most rows one window holds (a tall screen shows ~100; the page asks for a margin too). */
export const MAX_WINDOW = 1000;
/** Real ms one post may spend letting removed rows go (a mass expiry's go over a few frames). */
const SWEEP_MS = 4;

export interface TableSource {
  /** The shown session's server. */
  engine(): Engine;
  /** The database the table shows (the first console's). */
  db(): number;
  /** The row the page shows for a live entry (a new version each time: the row flashes). */
  rowFor(db: number, e: Entry): KeyRow;
  realNow(): number;
  post(message: TableWindow): void;
}

/** One database under one filter and sort, with its removed rows still on show. */
interface Lens {
  readonly id: string;
  readonly db: number;
  readonly query: TableQuery;
  readonly accepts: (e: Entry) => boolean;
  readonly index: SortedIndex;
  /**
   * Key → its item; a dead item stays until overwritten or the index empties (deleting one by one
   * from a map of a million keys makes the map shrink, a long rehash, as a mass expiry goes).
   */
  byKey: Map<string, IndexItem>;
  /** Removed items in removal order (so the sweep stops at the first still on show). */
  ghosts: IndexItem[];
  ghostHead: number;
  ghostCount: number;
  /** Changes whenever anything in it does; `settled` is the version last settled. */
  version: number;
  settled: number;
}

interface View {
  query: TableQuery;
  lens: Lens | null;
  /** The lens version last sent (-1: send at the next post). */
  sent: number;
  /** The selected key's row as last computed (recomputed when that key changes). */
  selected: { readonly entry: Entry; readonly row: KeyRow } | null;
}

const lensId = (db: number, q: TableQuery): string =>
  `${db}\0${q.ttlFilter}\0${q.sort.column}\0${q.sort.desc}\0${q.pattern}`;

function accepting(q: TableQuery): (e: Entry) => boolean {
  const pattern = utf8ToBytes(q.pattern);
  const all = pattern === '' || pattern === '*';
  const ttl = q.ttlFilter;
  return (e) => {
    if (ttl === 'volatile' && e.expiresAt === NO_EXPIRY) return false;
    if (ttl === 'persistent' && e.expiresAt !== NO_EXPIRY) return false;
    return all || globMatch(pattern, e.key);
  };
}

const COLUMNS = new Set<unknown>(['key', 'type', 'value', 'ttl', 'expires']);
const FILTERS = new Set<unknown>(['all', 'volatile', 'persistent']);

/**
 * A query made safe: a bounded window at a whole offset, a known column and filter (an audience
 * window's query comes over a BroadcastChannel, where anything of the same origin may post).
 */
function sane(q: TableQuery): TableQuery {
  const int = (n: unknown, max: number) =>
    typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.min(max, Math.floor(n))) : 0;
  const sel = q.selected;
  return {
    seq: int(q.seq, Number.MAX_SAFE_INTEGER),
    pattern: typeof q.pattern === 'string' ? q.pattern : '*',
    ttlFilter: FILTERS.has(q.ttlFilter) ? q.ttlFilter : 'all',
    sort: {
      column: COLUMNS.has(q.sort?.column) ? q.sort.column : 'key',
      desc: q.sort?.desc === true,
    },
    offset: int(q.offset, Number.MAX_SAFE_INTEGER),
    limit: int(q.limit, MAX_WINDOW),
    selected:
      sel && typeof sel.key === 'string' && typeof sel.db === 'number' ? { db: sel.db, key: sel.key } : null,
  };
}

export class TableViews {
  private readonly views = new Map<string, View>();
  private readonly lenses = new Map<string, Lens>();
  /** Real time of the last post: when a removal happened, near enough for a row's exit. */
  private now = 0;
  private lastMark: RemovedMark | null = null;

  constructor(private readonly src: TableSource) {}

  /** `viewer` wants this window (sent at the next `post`). */
  setView(viewer: string, query: TableQuery): void {
    const view = this.views.get(viewer);
    const q = sane(query);
    if (view) {
      view.query = q;
      view.sent = -1;
      view.selected = null;
    } else this.views.set(viewer, { query: q, lens: null, sent: -1, selected: null });
  }

  /** Another session is shown, or its server was replaced: every index is built again. */
  reset(): void {
    this.lenses.clear();
    for (const v of this.views.values()) {
      v.lens = null;
      v.sent = -1;
      v.selected = null;
    }
  }

  changed(db: number, key: string): void {
    this.touchSelected(db, key);
    const e = this.src.engine().ks.dbAt(db)?.dict.get(key);
    // A deletion is told by `removed`.
    if (e === undefined || e.dead) return;
    for (const lens of this.lenses.values()) {
      if (lens.db !== db) continue;
      lens.version++;
      const found = lens.byKey.get(key);
      const old = found?.dead ? undefined : found;
      const ok = lens.accepts(e);
      if (old && !old.removed && old.entry === e && ok) {
        const next = this.itemOf(lens, e);
        if (sameOrder(old, next, lens.query.sort)) {
          old.row = undefined;
          continue;
        }
      }
      if (old) this.kill(lens, old);
      if (ok) this.add(lens, this.itemOf(lens, e));
    }
  }

  removed(db: number, key: string, reason: RemovalReason, command: string | undefined): void {
    this.touchSelected(db, key);
    for (const lens of this.lenses.values()) {
      if (lens.db !== db) continue;
      const item = lens.byKey.get(key);
      if (item === undefined || item.removed || item.dead) continue;
      this.ghost(lens, item, this.markOf(reason, command));
    }
  }

  /**
   * How a row went, shared by every removal alike until the next post (a mass expiry's million
   * marks would be a million young objects, and the worker's GC pauses grow with them).
   */
  private markOf(reason: RemovalReason, command: string | undefined): RemovedMark {
    const last = this.lastMark;
    if (last?.reason === reason && last.command === command && last.at === this.now) return last;
    this.lastMark = command === undefined ? { reason, at: this.now } : { reason, command, at: this.now };
    return this.lastMark;
  }

  /** The selected key changed: its row goes out again, even when no window shows it. */
  private touchSelected(db: number, key: string): void {
    for (const v of this.views.values()) {
      const sel = v.query.selected;
      if (sel?.key !== key || sel.db !== db) continue;
      v.selected = null;
      v.sent = -1;
    }
  }

  /** FLUSHDB/FLUSHALL: every row of the database is marked in one pass. */
  flushed(db: number): void {
    const mark: RemovedMark = { reason: 'flush', at: this.now };
    for (const lens of this.lenses.values()) {
      if (lens.db !== db) continue;
      for (const item of lens.index.all()) if (!item.removed) this.ghost(lens, item, mark);
    }
  }

  /** Sweeps rows removed long enough ago, then sends each viewer whose window changed. */
  post(): void {
    this.now = this.src.realNow();
    for (const lens of this.lenses.values()) this.sweep(lens);
    const db = this.src.db();
    const used = new Set<string>();
    for (const [viewer, view] of this.views) {
      const id = lensId(db, view.query);
      used.add(id);
      if (view.lens?.id !== id) {
        view.lens = this.lenses.get(id) ?? this.build(id, db, view.query);
        view.sent = -1;
      }
      const lens = view.lens;
      if (view.sent === lens.version) continue;
      if (lens.settled !== lens.version) {
        lens.index.settle();
        if (lens.index.size === 0 && lens.byKey.size > 0) lens.byKey = new Map();
        lens.settled = lens.version;
      }
      view.sent = lens.version;
      this.src.post(this.windowOf(viewer, view, lens));
    }
    for (const id of this.lenses.keys()) if (!used.has(id)) this.lenses.delete(id);
  }

  private windowOf(viewer: string, view: View, lens: Lens): TableWindow {
    const { limit } = view.query;
    const total = lens.index.size;
    const offset = Math.max(0, Math.min(view.query.offset, total - limit));
    const rows = lens.index.slice(offset, limit).map((item) => this.rowOf(lens, item));
    return {
      v: PROTOCOL_VERSION,
      type: 'table',
      viewer,
      seq: view.query.seq,
      db: lens.db,
      offset,
      rows,
      total,
      live: total - lens.ghostCount,
      selected: this.selectedRow(view, lens),
    };
  }

  private rowOf(lens: Lens, item: IndexItem): TableRow {
    item.row ??= item.entry.dead ? removedRow(lens.db, item) : this.src.rowFor(lens.db, item.entry);
    return item.removed ? { ...item.row, removed: item.removed } : item.row;
  }

  /** The selected key: from the index when it is there, else from the server (filtered out). */
  private selectedRow(view: View, lens: Lens): TableRow | null {
    const sel = view.query.selected;
    if (sel === null) return null;
    const item = sel.db === lens.db ? lens.byKey.get(sel.key) : undefined;
    if (item && !item.dead) return this.rowOf(lens, item);
    const e = this.src.engine().ks.dbAt(sel.db)?.dict.get(sel.key);
    if (e === undefined) return null;
    if (view.selected?.entry !== e) view.selected = { entry: e, row: this.src.rowFor(sel.db, e) };
    return view.selected.row;
  }

  private build(id: string, db: number, query: TableQuery): Lens {
    const lens: Lens = {
      id,
      db,
      query,
      accepts: accepting(query),
      index: new SortedIndex(query.sort),
      byKey: new Map(),
      ghosts: [],
      ghostHead: 0,
      ghostCount: 0,
      version: 0,
      settled: -1,
    };
    const dict = this.src.engine().ks.dbAt(db)?.dict;
    if (dict) for (const e of dict.values()) if (lens.accepts(e)) this.add(lens, this.itemOf(lens, e));
    this.lenses.set(id, lens);
    return lens;
  }

  private itemOf(lens: Lens, e: Entry): IndexItem {
    return {
      key: e.key,
      type: e.type,
      deadline: e.expiresAt === NO_EXPIRY ? Number.POSITIVE_INFINITY : Number(e.expiresAt),
      preview: lens.query.sort.column === 'value' ? previewOf(e) : '',
      entry: e,
    };
  }

  private add(lens: Lens, item: IndexItem): void {
    lens.index.add(item);
    lens.byKey.set(item.key, item);
  }

  private kill(lens: Lens, item: IndexItem): void {
    if (item.dead) return;
    if (item.removed) lens.ghostCount--;
    lens.index.kill(item);
    lens.version++;
  }

  private ghost(lens: Lens, item: IndexItem, mark: RemovedMark): void {
    item.removed = mark;
    lens.ghosts.push(item);
    lens.ghostCount++;
    lens.version++;
  }

  /** Rows removed more than GHOST_MS ago leave (in removal order, so it stops at the first that stays). */
  private sweep(lens: Lens): void {
    const { ghosts } = lens;
    let head = lens.ghostHead;
    const start = head;
    while (head < ghosts.length) {
      if (((head - start) & 1023) === 1023 && this.src.realNow() - this.now > SWEEP_MS) break;
      const item = ghosts[head] as IndexItem;
      if (!item.dead) {
        if (this.now - (item.removed as RemovedMark).at <= GHOST_MS) break;
        this.kill(lens, item);
      }
      head++;
    }
    if (head > 1024 && head * 2 > ghosts.length) {
      lens.ghosts = ghosts.slice(head);
      head = 0;
    }
    lens.ghostHead = head;
  }
}

/** A row for a key removed before it was ever shown: its value is gone, its name and deadline are not. */
function removedRow(db: number, item: IndexItem): KeyRow {
  const deadline = Number.isFinite(item.deadline) ? item.deadline : null;
  return {
    db,
    key: item.key,
    type: item.entry.type,
    size: 0,
    preview: '',
    encoding: '',
    deadline,
    ttlGiven: null,
    version: 0,
  };
}
