import { COMPATS, type Compat, DEFAULT_COMPAT } from '../engine/compat.ts';
import { tableFor } from '../engine/table.ts';
import { parseLine } from '../engine/tokenizer.ts';
import { commandSteps } from './page.ts';
import type { DocPage } from './types.ts';

/**
 * Which server a page replays on. `docs check --compat <name>` (or the Docs panel's switch) decides
 * outright; otherwise the page's own hint (`compat:` in its front matter); `auto` then picks the
 * first server, in the order redis-7.0, redis-7.4, dragonfly, that has every command the page runs
 * (commands no server has do not count). Without any of these a page is Redis 7.0's.
 */
export type CompatRequest = Compat | 'auto';

export function pageCompat(page: DocPage, requested?: CompatRequest): Compat {
  if (requested !== undefined && requested !== 'auto') return requested;
  if (page.compat) return page.compat;
  if (requested !== 'auto') return DEFAULT_COMPAT;
  const names = new Set<string>();
  for (const step of commandSteps(page)) {
    const parsed = parseLine(step.line);
    if (parsed.kind === 'command' && parsed.argv[0] !== undefined) names.add(parsed.argv[0].toLowerCase());
  }
  const known = [...names].filter((n) => COMPATS.some((c) => tableFor(c).get(n) !== undefined));
  return COMPATS.find((c) => known.every((n) => tableFor(c).get(n) !== undefined)) ?? DEFAULT_COMPAT;
}

export function isCompatRequest(name: string): name is CompatRequest {
  return name === 'auto' || (COMPATS as readonly string[]).includes(name);
}
