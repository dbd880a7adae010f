import { type ClipboardEvent, type DragEvent, useState } from 'react';
import { useClient } from '../client-context.tsx';
import { CourseList } from './CourseList.tsx';
import './docs.css';
import { progressOf } from '../../docs/progress.ts';
import type { DocsKeyspace } from '../../worker/protocol.ts';
import { readScenarioFile } from '../share/link-codec.ts';
import { offerScenario } from '../share/scenario.ts';
import { KEYSPACES } from '../store/docs-slice.ts';
import { useApp } from '../store/index.ts';
import { LessonView } from './LessonView.tsx';
import { LESSONS, MAX_PAGE_BYTES, openDocPage, openLesson, tooLarge } from './open.ts';

/**
 * The course and documentation pages: a bundled lesson, a file (picked or dropped), pasted text or a
 * URL parameter, each opened on a keyspace and clock of its own. The open page reads as a page
 * (LessonView), with Run all / Step / Run per example driving the worker, so every command also
 * shows in the console and the key table; with no page open, the course and its progress.
 */

/**
 * Pasted text is measured as it arrives, before the text box takes it: a 50 MB paste would freeze
 * the tab for half a minute in the box alone.
 */
function refuseLargePaste(e: ClipboardEvent<HTMLTextAreaElement>): void {
  const text = e.clipboardData.getData('text/plain');
  if (text.length + e.currentTarget.value.length <= MAX_PAGE_BYTES) return;
  e.preventDefault();
  useApp.getState().setDocError(tooLarge('The pasted text'));
}

export function DocsPanel() {
  const page = useApp((s) => s.docPage);
  const error = useApp((s) => s.docError);
  const opening = useApp((s) => s.docOpening);
  const progress = useApp((s) => s.progress);
  const keyspace = useApp((s) => s.keyspaceChoice);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const [dragging, setDragging] = useState(false);
  const client = useClient();

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_PAGE_BYTES) {
      useApp.getState().setDocError(tooLarge(file.name));
      return;
    }
    const text = await file.text();
    const scenario = readScenarioFile(text);
    if (scenario !== null) void offerScenario(scenario, file.name);
    else openDocPage(client, file.name, text);
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    void openFile(e.dataTransfer.files[0]);
  };
  // Where examples start is an explicit choice; choosing anew restarts the open page with it.
  const chooseKeyspace = (choice: DocsKeyspace) => {
    const app = useApp.getState();
    app.setKeyspaceChoice(choice);
    if (app.docPage) openDocPage(client, app.docPage.path, app.docSource);
  };

  return (
    <section
      className={`docs-panel${dragging ? ' dragging' : ''}`}
      aria-label="Docs"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="docs-toolbar">
        <select aria-label="Open a lesson" value="" onChange={(e) => void openLesson(client, e.target.value)}>
          <option value="">Open a lesson…</option>
          {LESSONS.map((l) => {
            const p = progressOf(progress, l.id);
            return (
              <option key={l.id} value={l.id}>
                {l.order}. {l.title}
                {p.done ? ' ✓' : ''}
                {p.passed ? ' (task passed)' : ''}
              </option>
            );
          })}
        </select>
        <label className="file-button">
          Open file…
          <input
            type="file"
            accept=".md,.markdown,.txt,.json,text/markdown,text/plain,application/json"
            aria-label="Open a page file"
            onChange={(e) => void openFile(e.target.files?.[0])}
          />
        </label>
        <button type="button" aria-expanded={pasting} onClick={() => setPasting((p) => !p)}>
          Paste a page…
        </button>
        <label className="keyspace-choice">
          <span className="muted">Start from</span>
          <select
            aria-label="Keyspace"
            value={keyspace}
            onChange={(e) => chooseKeyspace(e.target.value as DocsKeyspace)}
          >
            {KEYSPACES.map((k) => (
              <option key={k.keyspace} value={k.keyspace}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {pasting && (
        <div className="paste-box">
          <textarea
            aria-label="Page text"
            value={pasted}
            onPaste={refuseLargePaste}
            onChange={(e) => {
              if (e.target.value.length > MAX_PAGE_BYTES) {
                useApp.getState().setDocError(tooLarge('The pasted text'));
                return;
              }
              setPasted(e.target.value);
            }}
            placeholder="Paste markdown with redis-cli examples"
            rows={8}
          />
          <button
            type="button"
            disabled={pasted.trim() === ''}
            onClick={() => {
              openDocPage(client, 'pasted.md', pasted);
              setPasting(false);
            }}
          >
            Open pasted page
          </button>
        </div>
      )}
      {error && (
        <p className="doc-error" role="alert">
          {error}
        </p>
      )}
      {opening && (
        <p className="muted" role="status">
          Opening {opening}…
        </p>
      )}
      {page ? (
        <LessonView page={page} />
      ) : (
        <div className="docs-empty">
          <CourseList />
          <p className="muted">
            Or replay the examples of any documentation page: open a markdown file (or drop one here), or
            paste one. Each section starts on an empty keyspace of the page's own, and the clock moves only at
            the page's waits.
          </p>
        </div>
      )}
    </section>
  );
}
