import type { DocPageCut } from './types.ts';

/**
 * What a cut page says about it, for the Docs panel and `docs check` (its own module: the panel
 * must not pull the markdown parser into the page's bundle).
 */
export function cutMessage(cut: DocPageCut): string {
  const what = { steps: 'steps', blocks: 'code blocks', sections: 'sections', lines: 'lines' }[cut.limit];
  return `This page is cut at line ${cut.line}: the playground reads at most ${cut.max.toLocaleString('en-US')} ${what} of a page, and the rest is not replayed.`;
}
