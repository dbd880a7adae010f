import { decodeSnapshot, encodeSnapshot, SnapshotError } from '../../engine/snapshot/codec.ts';
import type { PlaygroundSnapshot } from '../../engine/snapshot/snapshot.ts';

/**
 * Share links and scenario files. A scenario is a snapshot (engine/snapshot/codec.ts: versioned and
 * checksummed) compressed with the platform's CompressionStream `deflate-raw` and written in
 * base64url into the URL fragment (`#scenario=…`), which browsers never send to a server. The
 * decoder is guarded: a fragment or file past its size limit, or data that would inflate past
 * MAX_INFLATED, is refused before it is read; so is anything that does not parse.
 */

export const LINK_PARAM = 'scenario';
/** Links longer than this are not reliable everywhere (chat apps, some servers' logs): offer a file. */
export const MAX_LINK_CHARS = 8 * 1024;
export const MAX_INFLATED = 2 * 1024 * 1024;
/** Base64 of anything that could inflate to MAX_INFLATED is far shorter than this. */
const MAX_ENCODED_CHARS = 4 * MAX_INFLATED;
export const SCENARIO_FORMAT = 'expiry-playground/scenario';

export class LinkError extends Error {
  override readonly name = 'LinkError';
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  void writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new LinkError(`it inflates past ${limit / 1024 / 1024} MB`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new LinkError('it holds characters base64url does not use');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(padded);
  } catch {
    throw new LinkError('it is not base64url');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The fragment's payload for a snapshot (compressed, base64url). */
export async function encodeScenario(snapshot: PlaygroundSnapshot | Uint8Array): Promise<string> {
  const bytes = snapshot instanceof Uint8Array ? snapshot : encodeSnapshot(snapshot);
  return toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY));
}

/** Reads a payload back, within the bounds; a LinkError says why not. */
export async function decodeScenario(
  payload: string,
): Promise<{ snapshot: PlaygroundSnapshot; bytes: Uint8Array }> {
  if (payload.length > MAX_ENCODED_CHARS) throw new LinkError('it is far too long');
  let bytes: Uint8Array;
  try {
    bytes = await pipe(fromBase64Url(payload), new DecompressionStream('deflate-raw'), MAX_INFLATED);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError('it is not compressed data (cut short or changed?)');
  }
  try {
    return { snapshot: decodeSnapshot(bytes), bytes };
  } catch (e) {
    if (e instanceof SnapshotError) throw new LinkError(e.message);
    throw e;
  }
}

/** `<page URL without fragment>#scenario=<payload>`. */
export function linkFor(base: string, payload: string): string {
  return `${base.split('#')[0]}#${LINK_PARAM}=${payload}`;
}

/** The payload in a URL's fragment, or null when it has none. */
export function payloadOf(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(LINK_PARAM);
}

/** A scenario file: the same payload in a small JSON document, for scenarios too big for a link. */
export function scenarioFile(payload: string): string {
  return `${JSON.stringify({ format: SCENARIO_FORMAT, version: 1, scenario: payload }, null, 2)}\n`;
}

/** The payload of a scenario file's text, or null when the text is not one. */
export function readScenarioFile(text: string): string | null {
  if (!text.trimStart().startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { format, scenario } = parsed as { format?: unknown; scenario?: unknown };
    return format === SCENARIO_FORMAT && typeof scenario === 'string' ? scenario : null;
  } catch {
    return null;
  }
}
