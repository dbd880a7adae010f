/**
 * The embed's postMessage API (README: "Embed it"), typed both ways and checked on arrival. The
 * host page (the one whose iframe holds `?embed`) drives the playground; the playground answers
 * only that page, at its origin: messages from any other window or origin are ignored, and
 * replies are posted to the host's origin, never to `*`.
 */

/** Host → playground. */
export type HostMessage =
  /** Runs one console line, as if typed. `id` comes back on its reply. */
  | { readonly type: 'run'; readonly command: string; readonly id?: string | number }
  /** Back to how the embed started: its lesson or last loaded scenario afresh, or an empty server. */
  | { readonly type: 'reset' }
  /** Opens a scenario: a share link, or the part after its `#scenario=`. */
  | { readonly type: 'load'; readonly scenario: string };

export type ReplySource = 'host' | 'console' | 'lesson';

/** Playground → host. */
export type EmbedMessage =
  /** The playground answers commands (posted once, after start-up). */
  | { readonly type: 'ready' }
  /** What a console line printed, exactly as redis-cli prints it. */
  | {
      readonly type: 'reply';
      readonly command: string;
      readonly text: string;
      readonly error: boolean;
      /** Who ran it: the host (with its `id`), someone typing in the embed, or the lesson's steps. */
      readonly source: ReplySource;
      readonly id?: string | number;
    }
  /** A keyspace event (`set`, `expire`, `expired`, `del`…), with its cause. */
  | {
      readonly type: 'key';
      readonly event: string;
      readonly key: string;
      readonly db: number;
      /** Virtual time (epoch ms). */
      readonly at: number;
      readonly cause: 'command' | 'lazy' | 'active';
      readonly command?: string;
    }
  /** More events than MAX_KEY_EVENTS came in one frame; this many were not posted. */
  | { readonly type: 'key-events-dropped'; readonly count: number }
  /** A scenario loaded. */
  | { readonly type: 'loaded'; readonly keys: number }
  /** A request that could not be done, and why. */
  | { readonly type: 'error'; readonly request: string; readonly message: string };

/** Key events posted per frame at most (a mass expiry makes tens of thousands). */
export const MAX_KEY_EVENTS = 1000;
/** The longest command a host may send (a console line, not a bulk import). */
export const MAX_COMMAND = 64 * 1024;

export type Parsed =
  | { readonly ok: true; readonly msg: HostMessage }
  | { readonly ok: false; readonly error: EmbedMessage };

const refuse = (request: string, message: string): Parsed => ({
  ok: false,
  error: { type: 'error', request, message },
});

/** Checks a host's message; anything else gets an error saying what was wrong. */
export function parseHostMessage(data: unknown): Parsed {
  if (typeof data !== 'object' || data === null)
    return refuse('?', 'a message must be an object with a type');
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'run': {
      if (typeof m.command !== 'string') return refuse('run', 'command must be a string');
      if (/[\r\n]/.test(m.command)) return refuse('run', 'command must be one line');
      if (m.command.length > MAX_COMMAND)
        return refuse('run', `command is longer than ${MAX_COMMAND} characters`);
      const id = m.id;
      if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
        return refuse('run', 'id must be a string or a number');
      }
      return {
        ok: true,
        msg: id === undefined ? { type: 'run', command: m.command } : { type: 'run', command: m.command, id },
      };
    }
    case 'reset':
      return { ok: true, msg: { type: 'reset' } };
    case 'load':
      if (typeof m.scenario !== 'string') return refuse('load', 'scenario must be a string (a share link)');
      return { ok: true, msg: { type: 'load', scenario: m.scenario } };
    default:
      return refuse(String(m.type), `unknown message type ${JSON.stringify(m.type)}`);
  }
}

/** An origin as the browser writes it (`https://docs.example.com`), http(s) only; null otherwise. */
export function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * The host page's origin: the `origin` parameter when given (it must be exactly an origin), else
 * the framing page's as the browser reports it (location.ancestorOrigins, else the referrer).
 * Null: no host to talk to, so the API stays off.
 */
export function hostOrigin(
  param: string | null,
  ancestors: readonly string[],
  referrer: string,
): string | null {
  if (param !== null) return originOf(param) === param ? param : null;
  const ancestor = ancestors[0];
  if (ancestor !== undefined) return originOf(ancestor);
  return referrer === '' ? null : originOf(referrer);
}
