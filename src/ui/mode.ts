/**
 * What this page is, read once from its URL: the full app (optionally starting in presentation
 * mode, `?present`), an audience window mirroring a presenter's (`?audience=<channel>`), or an
 * embedded playground for an iframe (`?embed`, `?embed&readonly`). Embeds and audience windows save
 * nothing: their storage is a map in memory (storage.ts), and no playground store is opened.
 */
export interface PageMode {
  readonly kind: 'app' | 'audience' | 'embed';
  /** `?present`: open in presentation mode. */
  readonly present: boolean;
  /** `?embed&readonly`: only the given lesson's or scenario's steps run. */
  readonly readonly: boolean;
  /** The presenter's BroadcastChannel id (audience windows). */
  readonly channel: string | null;
}

const CHANNEL = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function readMode(search: string): PageMode {
  const params = new URLSearchParams(search);
  const flag = (name: string) => params.has(name) && params.get(name) !== '0' && params.get(name) !== 'false';
  const channel = params.get('audience');
  if (channel !== null && CHANNEL.test(channel)) {
    return { kind: 'audience', present: true, readonly: true, channel };
  }
  if (flag('embed')) return { kind: 'embed', present: false, readonly: flag('readonly'), channel: null };
  return { kind: 'app', present: flag('present'), readonly: false, channel: null };
}

export const pageMode: PageMode = readMode(typeof location === 'undefined' ? '' : location.search);

/** The app's own settings, history and progress are saved only by the full app. */
export const savesSettings = pageMode.kind === 'app';
