import { presenterView, type StepView } from '../../docs/presenter.ts';
import { useClient } from '../client-context.tsx';
import { LESSONS, openLesson } from '../docs/open.ts';
import { StepBadge } from '../docs/verdicts.tsx';
import { useApp } from '../store/index.ts';
import { canStepBack, canStepOn, runPresentAction } from './present-actions.ts';

/**
 * The lesson step in presentation mode and in the audience window: where the page is and the step
 * just run, large; for the presenter, the buttons that the arrow keys and R also press. With no
 * lesson open, the presenter gets the lesson picker.
 */

function stepText(step: StepView): string {
  return step.kind === 'command' ? `redis> ${step.text}` : step.text;
}

function LessonPicker() {
  const client = useClient();
  return (
    <select aria-label="Open a lesson" value="" onChange={(e) => void openLesson(client, e.target.value)}>
      <option value="">Open a lesson…</option>
      {LESSONS.map((l) => (
        <option key={l.id} value={l.id}>
          {l.order}. {l.title}
        </option>
      ))}
    </select>
  );
}

function StepButtons() {
  const client = useClient();
  const on = useApp(canStepOn);
  const back = useApp(canStepBack);
  const open = useApp((s) => s.docPage !== null);
  return (
    <div className="step-buttons">
      <button
        type="button"
        aria-label="Previous step"
        aria-keyshortcuts="ArrowLeft"
        disabled={!back}
        onClick={() => runPresentAction(client, 'previous-step')}
      >
        <span aria-hidden="true">◀</span> Back
      </button>
      <button
        type="button"
        className="primary"
        aria-label="Next step"
        aria-keyshortcuts="ArrowRight"
        disabled={!on}
        onClick={() => runPresentAction(client, 'next-step')}
      >
        Step <span aria-hidden="true">▶</span>
      </button>
      <button
        type="button"
        aria-label="Restart lesson"
        aria-keyshortcuts="R"
        disabled={!open}
        onClick={() => runPresentAction(client, 'restart')}
      >
        Restart
      </button>
    </div>
  );
}

export function LessonStep({ controls }: { controls: boolean }) {
  const page = useApp((s) => s.docPage);
  const notes = useApp((s) => s.docReading?.notes);
  const position = useApp((s) => s.docPosition);
  const finished = useApp((s) => s.docFinished);
  const results = useApp((s) => s.docResults);
  if (!page) {
    return (
      <section className="lesson-step" aria-label="Lesson step">
        <div className="step-text">
          <p className="step-now muted">No lesson open.</p>
        </div>
        {controls && <LessonPicker />}
      </section>
    );
  }
  const view = presenterView(page, notes ?? [], position, finished);
  const current = view.current;
  const currentStep = current ? page.steps[current.index] : undefined;
  const where = current?.section || view.next?.section || '';
  return (
    <section className="lesson-step" aria-label="Lesson step">
      <div className="step-text">
        <p className="step-where" title={`${view.title}${where ? ` › ${where}` : ''}`}>
          <span className="step-title">{view.title}</span>
          {where && <span className="step-section"> › {where}</span>}
          <span className="step-count">
            {' · '}
            {current ? `step ${current.index + 1} of ${current.total}` : `${page.steps.length} steps`}
          </span>
        </p>
        <p className="step-now" data-step={current?.index ?? -1}>
          {current ? (
            <>
              <code>{stepText(current)}</code>{' '}
              {currentStep && <StepBadge step={currentStep} result={results[current.index]} />}
            </>
          ) : (
            <span className="muted">Ready: the first step runs with → (or Step).</span>
          )}
        </p>
      </div>
      {controls && <StepButtons />}
    </section>
  );
}

/** The presenter's eyes only: the step that comes next and the notes of its section. */
export function PresenterNotes() {
  const page = useApp((s) => s.docPage);
  const notes = useApp((s) => s.docReading?.notes);
  const position = useApp((s) => s.docPosition);
  const finished = useApp((s) => s.docFinished);
  if (!page) {
    return (
      <aside className="presenter-notes" aria-label="Presenter notes">
        <p className="muted">
          The audience window is open. Open a lesson: its next step and notes show here.
        </p>
      </aside>
    );
  }
  const view = presenterView(page, notes ?? [], position, finished);
  return (
    <aside className="presenter-notes" aria-label="Presenter notes">
      <h2>Next step</h2>
      <p className="next-step">
        {view.next ? (
          <>
            <code>{stepText(view.next)}</code>
            {view.next.section !== (view.current?.section ?? view.next.section) && (
              <span className="muted"> (new section: {view.next.section})</span>
            )}
          </>
        ) : (
          <span className="muted">The lesson is through.</span>
        )}
      </p>
      <h2>Notes</h2>
      {view.notes.length === 0 ? (
        <p className="muted">No notes for this part of the lesson.</p>
      ) : (
        view.notes.map((n, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a section's notes are fixed, in page order.
          <p key={i} className="note">
            {n}
          </p>
        ))
      )}
    </aside>
  );
}
