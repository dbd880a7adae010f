import type { Reply } from '../engine/reply.ts';

/**
 * Messages between the app and `npm run -s cli -- bridge` (a local WebSocket bridge to a real
 * server), as JSON. Browser-safe types only: the bridge itself is Node code in src/cli/bridge.ts.
 * Byte strings travel as latin1 strings (one char per byte), as everywhere in the engine.
 */

export const BRIDGE_PROTOCOL_VERSION = 1;

export type BridgeRequest =
  /** One command on the bridge's command connection (its db follows SELECT, as a client's does). */
  | { readonly type: 'command'; readonly id: number; readonly argv: readonly string[] }
  /** The keys of a database with their type and PTTL, a page of them from `cursor`. */
  | { readonly type: 'keys'; readonly id: number; readonly db: number; readonly cursor: string }
  /** Keyspace notifications on or off: the bridge sets notify-keyspace-events only when asked. */
  | { readonly type: 'events'; readonly enable: boolean };

export interface BridgeKeyRow {
  readonly key: string;
  readonly type: string;
  /** PTTL: -1 without a deadline. */
  readonly pttl: number;
}

export type BridgeMessage =
  | {
      readonly type: 'hello';
      readonly v: typeof BRIDGE_PROTOCOL_VERSION;
      /** The server's address, password masked. */
      readonly server: string;
      readonly version: string;
      /** Commands the bridge does not forward (lower case; `config set` for subcommands). */
      readonly refused: readonly string[];
    }
  | { readonly type: 'reply'; readonly id: number; readonly reply: Reply }
  | { readonly type: 'refused'; readonly id: number; readonly reason: string }
  | {
      readonly type: 'keys';
      readonly id: number;
      readonly db: number;
      readonly rows: readonly BridgeKeyRow[];
      readonly cursor: string;
    }
  /** A keyspace notification: `__keyevent@<db>__:<event>` with the key as its message. */
  | {
      readonly type: 'event';
      readonly db: number;
      readonly event: string;
      readonly key: string;
      readonly at: number;
    }
  | { readonly type: 'events'; readonly enabled: boolean; readonly error?: string };

/** `#bridge=ws://127.0.0.1:PORT&token=…` in the app's URL: where the bridge is and its one-time token. */
export function bridgeFromHash(hash: string): { readonly url: string; readonly token: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const url = params.get('bridge');
  const token = params.get('token');
  if (!url || !token || !/^ws:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+\/?$/.test(url)) return null;
  return { url, token };
}

/** JSON with 64-bit integers kept exact: a bigint travels as `{"$big": "…"}`. */
export function encodeBridge(message: BridgeMessage | BridgeRequest): string {
  return JSON.stringify(message, (_, v) => (typeof v === 'bigint' ? { $big: v.toString() } : v));
}

export function decodeBridge<T extends BridgeMessage | BridgeRequest>(text: string): T {
  return JSON.parse(text, (_, v) =>
    v !== null && typeof v === 'object' && typeof v.$big === 'string' && Object.keys(v).length === 1
      ? BigInt(v.$big)
      : v,
  ) as T;
}
