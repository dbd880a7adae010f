import { PROTOCOL_VERSION, type TableRow, type TableWindow } from '../../worker/protocol.ts';

/** Test fixtures: a key table row and the worker's window of rows, as the tests of the table build them. */

export const tableRow = (key: string, extra: Partial<TableRow> = {}): TableRow => ({
  db: 0,
  key,
  type: 'string',
  size: 1,
  preview: '"v"',
  encoding: 'embstr',
  deadline: null,
  ttlGiven: null,
  version: 1,
  ...extra,
});

/** A window for the page holding `rows` (total and live counted from them unless `extra` says). */
export const tableWindow = (
  seq: number,
  rows: TableRow[],
  extra: Partial<TableWindow> = {},
): TableWindow => ({
  v: PROTOCOL_VERSION,
  type: 'table',
  viewer: 'page',
  seq,
  db: 0,
  offset: 0,
  rows,
  total: rows.length,
  live: rows.filter((r) => !r.removed).length,
  selected: null,
  ...extra,
});
