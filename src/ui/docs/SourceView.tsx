import { useMemo } from 'react';
import type { DocPage, StepResult } from '../../docs/types.ts';
import { CommandNote, StepBadge, stepLines } from './verdicts.tsx';

/**
 * "View source": the page's raw text, line by line (as text, never HTML), each step's verdict on the
 * line it starts and its diff after the last line it covers. For doc writers, who fix the markdown.
 */
export function SourceView({
  page,
  source,
  results,
  position,
}: {
  page: DocPage;
  source: string;
  results: readonly (StepResult | undefined)[];
  position: number;
}) {
  // A cut page shows the lines it replays, not the rest (at most PAGE_LIMITS.lines of them).
  const lines = useMemo(() => {
    const all = source.split(/\r?\n/);
    return page.cut ? all.slice(0, page.cut.line - 1) : all;
  }, [source, page]);
  const byLine = useMemo(() => stepLines(page), [page]);

  return (
    <ol className="doc-lines" aria-label="Page source">
      {lines.map((text, i) => {
        const n = i + 1;
        const starting = byLine.starts.get(n) ?? [];
        const ending = byLine.ends.get(n) ?? [];
        const isNext = starting.includes(position);
        return (
          <li
            key={n}
            className={`doc-line${starting.length ? ' step-line' : ''}${isNext ? ' next' : ''}`}
            {...(starting.length ? { 'data-step': starting[0], tabIndex: -1 } : {})}
          >
            <span className="doc-gutter" aria-hidden="true">
              {isNext ? '▶' : ''}
            </span>
            <span className="doc-text">{text || ' '}</span>
            {starting.map((idx) => {
              const step = page.steps[idx];
              return step ? <StepBadge key={idx} step={step} result={results[idx]} /> : null;
            })}
            {ending.map((idx) => {
              const r = results[idx];
              return r?.kind === 'command' ? <CommandNote key={idx} result={r} /> : null;
            })}
          </li>
        );
      })}
    </ol>
  );
}
