import type { CliSession, CliTracking } from '../cli-session.ts';
import { arg } from '../command.ts';
import { isDbIndex } from '../keyspace.ts';
import { findSubcommand } from '../table.ts';
import { type ByteReader, type ByteWriter, FormatError } from './byte-io.ts';

/**
 * The console's connection as a replayed batch of lines needs it: the selected database, an open
 * MULTI with its queue, the protocol and name, and what redis-cli tracks for its prompt. A log
 * record that holds lines instead of their effects starts from this, so lines typed inside a
 * transaction queue and run as they did.
 */

export interface SavedClient {
  readonly db: number;
  /** The queued commands' argv, or null outside MULTI. */
  readonly multi: readonly (readonly string[])[] | null;
  readonly multiDirty: boolean;
  readonly resp: 2 | 3;
  readonly name: string;
  readonly tracking: CliTracking;
}

export function captureClient(cli: CliSession): SavedClient {
  const c = cli.client;
  return {
    db: c.db,
    multi: c.multi ? c.multi.map((q) => q.argv) : null,
    multiDirty: c.multiDirty,
    resp: c.resp,
    name: c.name,
    tracking: cli.tracking(),
  };
}

export function applyClient(cli: CliSession, s: SavedClient): void {
  const c = cli.client;
  if (isDbIndex(s.db)) c.db = s.db;
  c.multi = s.multi === null ? null : s.multi.flatMap((argv) => queued(cli, argv));
  c.multiDirty = s.multiDirty;
  c.resp = s.resp;
  c.name = s.name;
  cli.setTracking(s.tracking);
}

/** A queued command as the engine queued it (only known commands are ever queued). */
function queued(cli: CliSession, argv: readonly string[]) {
  const base = cli.engine.table.get(argv[0] ?? '');
  if (base === undefined) return [];
  const sub = base.subcommands && argv.length >= 2 ? findSubcommand(base, arg(argv, 1)) : undefined;
  const spec = sub ?? base;
  return [{ spec, fullName: sub ? `${base.name}|${sub.name}` : base.name, argv }];
}

export function writeClient(w: ByteWriter, s: SavedClient): void {
  w.uint(s.db);
  w.bool(s.multi !== null);
  if (s.multi) {
    w.uint(s.multi.length);
    for (const argv of s.multi) {
      w.uint(argv.length);
      for (const a of argv) w.bytes(a);
    }
  }
  w.bool(s.multiDirty);
  w.u8(s.resp);
  w.bytes(s.name);
  w.uint(s.tracking.dbnum);
  w.bool(s.tracking.inMulti);
  w.uint(s.tracking.preMultiDbnum);
}

export function readClient(r: ByteReader): SavedClient {
  const db = r.uint();
  let multi: string[][] | null = null;
  if (r.bool()) {
    multi = [];
    for (let n = r.count(), i = 0; i < n; i++) {
      const argv: string[] = [];
      for (let m = r.count(), j = 0; j < m; j++) argv.push(r.bytes());
      multi.push(argv);
    }
  }
  const multiDirty = r.bool();
  const resp = r.u8();
  if (resp !== 2 && resp !== 3) throw new FormatError(`unknown protocol ${resp}`);
  const name = r.bytes();
  const tracking = { dbnum: r.uint(), inMulti: r.bool(), preMultiDbnum: r.uint() };
  return { db, multi, multiDirty, resp, name, tracking };
}
