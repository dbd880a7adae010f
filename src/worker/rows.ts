import { encodingName } from '../engine/encodings.ts';
import { quoteBytes } from '../engine/format.ts';
import { type Entry, NO_EXPIRY } from '../engine/keyspace.ts';
import { idText, MAX_ID, type Stream, ZERO_ID } from '../engine/stream.ts';
import type { FieldLifetime, FieldTtlSummary, KeyDetails, KeyRow } from './protocol.ts';

/** Turns engine entries into the rows and previews the UI shows. */

const PREVIEW_BYTES = 80;
const PREVIEW_ITEMS = 6;

function cut(s: string, max: number): { text: string; more: boolean } {
  return s.length > max ? { text: s.slice(0, max), more: true } : { text: s, more: false };
}

function quoted(s: string): string {
  const c = cut(s, PREVIEW_BYTES);
  return quoteBytes(c.text) + (c.more ? '…' : '');
}

/** A redis-cli style preview: strings quoted and escaped; collections as their first few items. */
export function previewOf(e: Entry): string {
  switch (e.type) {
    case 'string':
      return quoted(e.str);
    case 'list':
    case 'set': {
      const items = [...e.coll];
      const shown = items.slice(0, PREVIEW_ITEMS).map(quoted).join(', ');
      return `[${shown}${items.length > PREVIEW_ITEMS ? ', …' : ''}]`;
    }
    case 'stream': {
      const s = e.coll;
      return s.length === 0
        ? `(empty stream, last ID ${idText(s.lastId)})`
        : `length ${s.length}, last ID ${idText(s.lastId)}`;
    }
    case 'hash':
    case 'zset': {
      const pairs: [string, string | number][] = [...e.coll];
      const shown = pairs
        .slice(0, PREVIEW_ITEMS)
        .map(([k, v]) => `${quoted(k)}: ${typeof v === 'number' ? String(v) : quoted(v)}`)
        .join(', ');
      return `{${shown}${pairs.length > PREVIEW_ITEMS ? ', …' : ''}}`;
    }
  }
}

export function sizeOf(e: Entry): number {
  if (e.dead) return 0;
  if (e.type === 'string') return e.str.length;
  if (e.type === 'stream') return e.coll.length;
  return e.type === 'list' ? e.coll.length : e.coll.size;
}

/** Deadline as a plain number: beyond 2^53 ms (year 285,000+) the UI does not need exact values. */
export function deadlineOf(e: Entry): number | null {
  return e.expiresAt === NO_EXPIRY ? null : Number(e.expiresAt);
}

export function rowOf(
  db: number,
  e: Entry,
  ttlGiven: number | null,
  version: number,
  fieldTtls?: FieldTtlSummary,
): KeyRow {
  return {
    db,
    key: e.key,
    type: e.type,
    size: sizeOf(e),
    preview: previewOf(e),
    encoding: encodingName(e),
    deadline: deadlineOf(e),
    ttlGiven,
    ...(fieldTtls ? { fieldTtls } : {}),
    version,
  };
}

/** The whole value for the details pane, escaped, capped so a huge value cannot flood the UI. */
export function fullValueOf(e: Entry, maxChars = 64 * 1024): string {
  let text: string;
  switch (e.type) {
    case 'string':
      text = quoteBytes(e.str);
      break;
    case 'list':
    case 'set':
      text = [...e.coll].map((s, i) => `${i + 1}) ${quoteBytes(s)}`).join('\n');
      break;
    case 'stream':
      text = streamText(e.coll);
      break;
    default:
      text = [...e.coll]
        .map(([k, v]) => `${quoteBytes(k)} → ${typeof v === 'number' ? String(v) : quoteBytes(v)}`)
        .join('\n');
  }
  return text.length > maxChars
    ? `${text.slice(0, maxChars)}\n… (${text.length - maxChars} more characters)`
    : text;
}

/** What the details pane shows about one key (the whole value, escaped and capped). */
export function detailsOf(
  db: number,
  key: string,
  e: Entry | undefined,
  now: number,
  fields?: readonly FieldLifetime[],
): KeyDetails {
  if (e === undefined) {
    return { db, key, exists: false, type: 'none', encoding: '', value: '', pttl: -2, deadline: null };
  }
  return {
    db,
    key,
    exists: true,
    type: e.type,
    encoding: rowOf(db, e, null, 0).encoding,
    value: fullValueOf(e),
    pttl: e.expiresAt === NO_EXPIRY ? -1 : Math.max(0, Number(e.expiresAt) - now),
    deadline: e.expiresAt === NO_EXPIRY ? null : Number(e.expiresAt),
    ...(fields ? { fields } : {}),
  };
}

/** A stream for the details pane: its last ID and groups, then each entry with its fields. */
function streamText(s: Stream): string {
  const head = `length ${s.length}, last ID ${idText(s.lastId)}, ${s.groups.size} consumer group(s)`;
  const entries = s.range(ZERO_ID, MAX_ID, false, 1000).map((item) => {
    const pairs: string[] = [];
    for (let i = 0; i < item.fields.length; i += 2) {
      pairs.push(`${quoteBytes(item.fields[i] as string)} ${quoteBytes(item.fields[i + 1] as string)}`);
    }
    return `${idText(item.id)}: ${pairs.join(', ')}`;
  });
  return [head, ...entries].join('\n');
}
