/**
 * Which playground this tab shows: the default one, or another named in the URL
 * (`?playground=<id>`), each saved separately in the browser: a second tab that does not take the
 * first one's playground over opens a new one.
 */

export const DEFAULT_PLAYGROUND = 'main';
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function currentPlaygroundId(): string {
  const id = new URLSearchParams(window.location.search).get('playground');
  return id !== null && ID.test(id) ? id : DEFAULT_PLAYGROUND;
}

export function newPlaygroundId(): string {
  return `p-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** This page's URL for playground `id` (no fragment): the app works from any sub-path. */
export function playgroundUrl(id: string): string {
  const url = new URL(window.location.href);
  url.hash = '';
  if (id === DEFAULT_PLAYGROUND) url.searchParams.delete('playground');
  else url.searchParams.set('playground', id);
  return url.toString();
}

/** Opens playground `id` in this tab (a playground of its own, saved apart from the others). */
export function openPlayground(id: string): void {
  window.location.assign(playgroundUrl(id));
}
