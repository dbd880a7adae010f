import type { DocPage, StepResult } from '../../docs/types.ts';
import { CommandNote, StepBadge, type StepLines } from './verdicts.tsx';

/**
 * One example of the page drawn as a console: its lines as written (prompt, command, the reply the
 * page shows), each command's verdict on its line and its diff under its reply, the next step
 * marked, and a Run button that replays only this block's steps on the keyspace as it is now.
 */
export interface ExampleProps {
  readonly page: DocPage;
  readonly block: number;
  readonly number: number;
  readonly lang: string;
  readonly lines: readonly string[];
  readonly firstLine: number;
  readonly byLine: StepLines;
  readonly results: readonly (StepResult | undefined)[];
  /** The next step to run (-1 when none). */
  readonly position: number;
  /** A run or a wait is going on: Run waits for it. */
  readonly busy: boolean;
  onRun(block: number): void;
}

export function ExampleBlock(props: ExampleProps) {
  const { page, byLine, results, position } = props;
  return (
    <figure className="example" aria-label={`Example ${props.number}`}>
      <div className="example-head">
        <span className="muted">{props.lang || 'redis-cli'}</span>
        <button
          type="button"
          disabled={props.busy}
          title="Run this example's steps on the keyspace as it is now"
          onClick={() => props.onRun(props.block)}
        >
          Run
        </button>
      </div>
      <div className="example-lines">
        {props.lines.map((text, i) => {
          const n = props.firstLine + i;
          const starting = byLine.starts.get(n) ?? [];
          const ending = byLine.ends.get(n) ?? [];
          const isCommand = starting.some((idx) => page.steps[idx]?.kind === 'command');
          const isNext = starting.includes(position);
          return (
            <div key={n} className="example-row">
              <div
                className={`example-line${isCommand ? ' command' : ''}${isNext ? ' next' : ''}`}
                {...(starting.length ? { 'data-step': starting[0], tabIndex: -1 } : {})}
              >
                <span className="doc-gutter" aria-hidden="true">
                  {isNext ? '▶' : ''}
                </span>
                <code className="example-text">{text || ' '}</code>
                {starting.map((idx) => {
                  const step = page.steps[idx];
                  return step ? <StepBadge key={idx} step={step} result={results[idx]} /> : null;
                })}
              </div>
              {ending.map((idx) => {
                const r = results[idx];
                return r?.kind === 'command' ? <CommandNote key={idx} result={r} /> : null;
              })}
            </div>
          );
        })}
      </div>
    </figure>
  );
}
