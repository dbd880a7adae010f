import { Fragment, type ReactNode, useMemo } from 'react';
import type { Block, Inline, ReadingPage } from '../../docs/reading.ts';
import type { LessonTask, TaskResult } from '../../docs/task.ts';
import type { DocPage, StepResult } from '../../docs/types.ts';
import { ExampleBlock } from './ExampleBlock.tsx';
import { StepBadge, type StepLines, stepLines } from './verdicts.tsx';

/**
 * A page drawn as a page (reading.ts gives the model): real headings, paragraphs, inline code,
 * links, lists, tables and quotes, turned into React elements one by one, so every text stays text.
 * Examples are consoles with their verdicts (ExampleBlock), a timing note carries its wait badge,
 * a lesson's check is a "try it yourself" box with a Check button, and its solution is folded away.
 */
export interface ReadingProps {
  readonly reading: ReadingPage;
  readonly page: DocPage;
  readonly results: readonly (StepResult | undefined)[];
  readonly position: number;
  readonly busy: boolean;
  readonly tasks: readonly LessonTask[];
  readonly taskResults: readonly (TaskResult | undefined)[];
  onRunBlock(block: number): void;
  onCheck(task: number): void;
  /** A link to another lesson (`?lesson=<id>`) opens it here instead of reloading the app. */
  onLesson(id: string): void;
}

const LESSON_LINK = /^\?lesson=([a-z0-9][a-z0-9-]*)$/;

export function ReadingView(props: ReadingProps) {
  const byLine = useMemo(() => stepLines(props.page), [props.page]);
  const exampleNumbers = useMemo(() => {
    const numbers = new Map<number, number>();
    for (const b of props.page.blocks) {
      if (b.role === 'example' && !numbers.has(b.index)) numbers.set(b.index, numbers.size + 1);
    }
    return numbers;
  }, [props.page]);
  const ctx: Ctx = { ...props, byLine, exampleNumbers };
  return <div className="reading">{renderBlocks(props.reading.blocks, ctx)}</div>;
}

interface Ctx extends ReadingProps {
  readonly byLine: StepLines;
  readonly exampleNumbers: ReadonlyMap<number, number>;
}

/** The page's tree never changes while it is shown (another page is another tree): position is identity. */
function each<T>(items: readonly T[], render: (item: T, i: number) => ReactNode): ReactNode {
  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed tree, see above.
  return items.map((item, i) => <Fragment key={i}>{render(item, i)}</Fragment>);
}

function renderBlocks(blocks: readonly Block[], ctx: Ctx): ReactNode {
  return each(blocks, (b) => renderBlock(b, ctx));
}

function renderBlock(b: Block, ctx: Ctx): ReactNode {
  switch (b.t) {
    case 'heading':
      return heading(b.depth, renderInline(b.c, ctx));
    case 'p':
      return (
        <p>
          {renderInline(b.c, ctx)}
          {proseWaits(b.line, ctx)}
        </p>
      );
    case 'list': {
      const items = each(b.items, (item) => <li>{renderBlocks(item, ctx)}</li>);
      return b.ordered ? <ol start={b.start ?? undefined}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'quote':
      return <blockquote>{renderBlocks(b.c, ctx)}</blockquote>;
    case 'table':
      return <TableBlock block={b} ctx={ctx} />;
    case 'code':
      return <CodeBlock block={b} ctx={ctx} />;
    case 'hr':
      return <hr />;
    case 'raw':
      return <pre className="raw-html">{b.v}</pre>;
  }
}

function heading(depth: number, children: ReactNode): ReactNode {
  if (depth === 1) return <h1>{children}</h1>;
  if (depth === 2) return <h2>{children}</h2>;
  if (depth === 3) return <h3>{children}</h3>;
  if (depth === 4) return <h4>{children}</h4>;
  if (depth === 5) return <h5>{children}</h5>;
  return <h6>{children}</h6>;
}

/** The badges of the timing notes a paragraph holds ("(After 2 seconds)"). */
function proseWaits(line: number, ctx: Ctx): ReactNode {
  const steps = (ctx.byLine.starts.get(line) ?? [])
    .map((i) => ctx.page.steps[i])
    .filter((s) => s?.kind === 'wait' && s.source === 'prose');
  return steps.map((step) =>
    step ? (
      <span
        key={step.index}
        data-step={step.index}
        tabIndex={-1}
        className={ctx.position === step.index ? 'wait-note next' : 'wait-note'}
      >
        {' '}
        <StepBadge step={step} result={ctx.results[step.index]} />
      </span>
    ) : null,
  );
}

function renderInline(items: readonly Inline[], ctx: Ctx): ReactNode {
  return each(items, (item) => inline(item, ctx));
}

function inline(item: Inline, ctx: Ctx): ReactNode {
  switch (item.t) {
    case 'text':
      return item.v;
    case 'code':
      return <code>{item.v}</code>;
    case 'em':
      return <em>{renderInline(item.c, ctx)}</em>;
    case 'strong':
      return <strong>{renderInline(item.c, ctx)}</strong>;
    case 'del':
      return <del>{renderInline(item.c, ctx)}</del>;
    case 'br':
      return <br />;
    case 'link': {
      const children = renderInline(item.c, ctx);
      if (item.href === null) return <span className="dead-link">{children}</span>;
      const lesson = LESSON_LINK.exec(item.href)?.[1];
      if (lesson) {
        return (
          <a
            href={item.href}
            onClick={(e) => {
              e.preventDefault();
              ctx.onLesson(lesson);
            }}
          >
            {children}
          </a>
        );
      }
      return (
        <a href={item.href} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      );
    }
  }
}

function TableBlock({ block, ctx }: { block: Extract<Block, { t: 'table' }>; ctx: Ctx }) {
  const align = (i: number) => block.align[i] ?? undefined;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {each(block.head, (cell, i) => (
              <th style={{ textAlign: align(i) }}>{renderInline(cell, ctx)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {each(block.rows, (row) => (
            <tr>
              {each(row, (cell, i) => (
                <td style={{ textAlign: align(i) }}>{renderInline(cell, ctx)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CodeBlock({ block, ctx }: { block: Extract<Block, { t: 'code' }>; ctx: Ctx }) {
  const doc = block.block === null ? undefined : ctx.page.blocks[block.block];
  const hasSteps =
    doc !== undefined && ctx.page.steps.some((s) => s.kind === 'command' && s.block === doc.index);
  if (doc && doc.role === 'example' && hasSteps) {
    return (
      <ExampleBlock
        page={ctx.page}
        block={doc.index}
        number={ctx.exampleNumbers.get(doc.index) ?? 0}
        lang={block.lang}
        lines={block.lines}
        firstLine={block.firstLine}
        byLine={ctx.byLine}
        results={ctx.results}
        position={ctx.position}
        busy={ctx.busy}
        onRun={ctx.onRunBlock}
      />
    );
  }
  const task = doc && doc.role === 'task-check' ? ctx.tasks.find((t) => t.block === doc.index) : undefined;
  if (task) return <TaskBox task={task} result={ctx.taskResults[task.index]} lines={block.lines} ctx={ctx} />;
  const pre = (
    <pre className="code-block">
      <code>{block.lines.join('\n')}</code>
    </pre>
  );
  if (block.lang === 'solution') {
    return (
      <details className="solution">
        <summary>Show a solution</summary>
        {pre}
      </details>
    );
  }
  return pre;
}

function TaskBox(props: {
  task: LessonTask;
  result: TaskResult | undefined;
  lines: readonly string[];
  ctx: Ctx;
}) {
  const { task, result } = props;
  return (
    <section className="task" aria-label={`Task: ${task.title || 'try it yourself'}`}>
      <p className="muted">The check runs these commands on a copy of the keyspace as it is now:</p>
      <pre className="code-block">
        <code>{props.lines.join('\n')}</code>
      </pre>
      <button type="button" className="primary" onClick={() => props.ctx.onCheck(task.index)}>
        Check
      </button>
      <div role="status" aria-label="Task result" className={result?.passed ? 'task-passed' : 'task-open'}>
        {result && <p>{result.reason}</p>}
        {result && (
          <ul className="probes">
            {each(result.probes, (p) => (
              <li className={p.passed ? 'verdict-pass' : 'verdict-fail'}>
                <code>{p.line}</code> → <code>{p.actual.trim() || '(nothing)'}</code>
                {p.passed ? ' ✓' : ` (expected ${p.expected})`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
