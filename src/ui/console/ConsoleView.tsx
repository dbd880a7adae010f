import { useVirtualizer } from '@tanstack/react-virtual';
import { type ClipboardEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { runOnTarget, serverPrompt } from '../bridge/bridge.ts';
import { type PageClient, useClient } from '../client-context.tsx';
import { formatClockTime } from '../format-time.ts';
import { type ConsoleTab, MAX_ENTRIES } from '../store/console-slice.ts';
import { useApp } from '../store/index.ts';
import { BlockedBar } from './BlockedBar.tsx';
import { completions, pastedLines, syntaxHint } from './console-input.ts';
import { useHistory } from './use-history.ts';

/** Clears a tab's scrollback; Client 1's is the saved transcript, which goes with it. */
function clearConsole(client: PageClient, console: number): void {
  useApp.getState().clearConsole(console);
  if (console === 1) client.send({ type: 'console-cleared' });
}

/** What an empty console line suggests (the first thing a learner might type). */
export const PLACEHOLDER = 'Type a command, e.g. PSETEX mykey 2000 "Hello"';

/**
 * One redis-cli console, on its tab's own connection: replies exactly as redis-cli prints them,
 * errors set apart, each entry stamped with the virtual time; history (↑/↓, kept across reloads),
 * autocomplete (Tab), an inline syntax hint, `clear` / Ctrl+L, and multi-line paste that runs each
 * line in order. While it reads messages or waits for a blocked command it takes no line, as
 * redis-cli does, and Ctrl+C (or the button) interrupts. Everything typed or printed is text.
 *
 * `names` tells the output and the input apart when two consoles are on screen.
 */
export function ConsoleView({
  tab,
  names,
  docked = true,
  input = true,
}: {
  tab: ConsoleTab;
  names: { output: string; input: string };
  /** In the side panel's tabs (else on its own: presentation mode, an embed, always in view). */
  docked?: boolean;
  /** False where nothing may be typed (an audience window, a read-only embed). */
  input?: boolean;
}) {
  const { entries, dropped, mode } = tab;
  // Client 1 is the one the bridge drives: on the server, its prompt is the server's.
  const prompt = useApp((s) =>
    tab.id === 1 && s.target === 'server' && s.bridge?.status === 'open' ? serverPrompt(s) : tab.prompt,
  );
  const commands = useApp((s) => s.commands);
  const client = useClient();
  const zone = useApp((s) => s.timeZone);
  const [line, setLine] = useState('');
  const [pick, setPick] = useState(0);
  const history = useHistory(line, setLine);
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const waiting = mode === 'subscribed' || mode === 'blocked';
  const inputId = `console-command-${tab.id}`;

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 40,
    overscan: 12,
  });

  const shown = useApp((s) => s.sideTab === 'console') || !docked;
  // Follow the output as it grows (new entries, and messages added to the last one), and show the
  // newest entry when the tab comes back into view (a hidden tab has no size to scroll in).
  const tail = `${entries.length}:${entries[entries.length - 1]?.text.length ?? 0}`;
  useEffect(() => {
    const count = Number(tail.split(':')[0]);
    if (!shown || count === 0) return;
    const frame = requestAnimationFrame(() => virtualizer.scrollToIndex(count - 1, { align: 'end' }));
    return () => cancelAnimationFrame(frame);
  }, [tail, virtualizer, shown]);

  const suggestions = waiting ? [] : completions(line, commands);
  const hint = suggestions.length === 0 && !waiting ? syntaxHint(line, commands) : '';

  const run = (lines: readonly string[]) => {
    const app = useApp.getState();
    app.remember(lines);
    const toSend: string[] = [];
    for (const l of lines) {
      if (l.trim().toLowerCase() === 'clear') {
        if (toSend.length) void runOnTarget(client, toSend.splice(0), tab.id);
        clearConsole(client, tab.id);
        continue;
      }
      toSend.push(l);
    }
    if (toSend.length) void runOnTarget(client, toSend, tab.id);
  };

  const interrupt = () => client.send({ type: 'console-interrupt', console: tab.id });

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key.toLowerCase() === 'c' && e.ctrlKey && waiting) {
      e.preventDefault();
      interrupt();
    } else if (waiting) {
      // redis-cli reads replies: keys do nothing until Ctrl+C or the reply.
      if (e.key === 'Enter') e.preventDefault();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run([line]);
      setLine('');
      history.reset();
      setPick(0);
    } else if (e.key === 'ArrowUp' && !suggestions.length) {
      if (history.back()) e.preventDefault();
    } else if (e.key === 'ArrowDown' && !suggestions.length) {
      if (history.forward()) e.preventDefault();
    } else if (e.key === 'ArrowDown' && suggestions.length) {
      e.preventDefault();
      setPick((p) => (p + 1) % suggestions.length);
    } else if (e.key === 'ArrowUp' && suggestions.length) {
      e.preventDefault();
      setPick((p) => (p - 1 + suggestions.length) % suggestions.length);
    } else if (e.key === 'Tab' && suggestions.length) {
      e.preventDefault();
      setLine(`${suggestions[Math.min(pick, suggestions.length - 1)]} `);
      setPick(0);
    } else if (e.key === 'Escape') {
      setLine('');
    } else if (e.key.toLowerCase() === 'l' && e.ctrlKey) {
      e.preventDefault();
      clearConsole(client, tab.id);
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (!/[\r\n]/.test(text) || waiting) return;
    e.preventDefault();
    run(pastedLines(line + text));
    setLine('');
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className="console-view">
      <div
        className="console-output"
        role="log"
        aria-label={names.output}
        aria-live="polite"
        data-count={entries.length + dropped}
        ref={scrollRef}
      >
        {dropped > 0 && (
          <div className="muted dropped">
            {dropped} earlier entries scrolled out of the console (it keeps {MAX_ENTRIES.toLocaleString()})
          </div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                data-entry={item.index + dropped}
                ref={virtualizer.measureElement}
                className={`entry${entry.isError ? ' error' : ''}${entry.server ? ' server' : ''}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {entry.note ? (
                  <p className="entry-note">{entry.text}</p>
                ) : (
                  <>
                    <div className="entry-input">
                      <span className="stamp" title="virtual time">
                        {formatClockTime(entry.at, zone)}
                      </span>
                      <span className="prompt">{entry.prompt}</span>
                      <span className="line">{entry.line}</span>
                    </div>
                    {entry.text !== '' && (
                      <pre className="entry-output">{entry.text.replace(/\r\n/g, '\n')}</pre>
                    )}
                    {entry.differs && (
                      <p className="entry-differs">
                        The server's reply differs from the playground's (above).
                      </p>
                    )}
                  </>
                )}
              </div>
            );
          })}
        </div>
      </div>
      {tab.blocked && <BlockedBar blocked={tab.blocked} client={tab.label} />}
      {input && (
        <div className={`console-input${waiting ? ' waiting' : ''}`}>
          <label htmlFor={inputId} className="prompt">
            <span className="client-tag">{tab.label}</span> {waiting ? '' : prompt}
          </label>
          <div className="input-wrap">
            <input
              id={inputId}
              ref={inputRef}
              aria-label={names.input}
              aria-autocomplete="list"
              aria-controls={`console-suggestions-${tab.id}`}
              aria-describedby={`console-hint-${tab.id}`}
              autoComplete="off"
              spellCheck={false}
              readOnly={waiting}
              placeholder={
                mode === 'subscribed'
                  ? 'Reading messages… press Ctrl+C to quit'
                  : mode === 'blocked'
                    ? 'Waiting for the reply… Ctrl+C interrupts'
                    : PLACEHOLDER
              }
              value={waiting ? '' : line}
              onChange={(e) => {
                setLine(e.target.value);
                history.reset();
                setPick(0);
              }}
              onKeyDown={onKeyDown}
              onPaste={onPaste}
            />
            <span className="hint" aria-hidden="true">
              <span className="hint-typed">{line}</span>
              {hint}
            </span>
            <span id={`console-hint-${tab.id}`} className="visually-hidden">
              {waiting ? 'Press Ctrl+C to interrupt.' : hint.trim()}
            </span>
          </div>
          {waiting && (
            <button type="button" className="interrupt" onClick={interrupt} aria-keyshortcuts="Control+C">
              Ctrl+C
            </button>
          )}
          {suggestions.length > 0 && (
            <div
              id={`console-suggestions-${tab.id}`}
              className="suggestions"
              role="listbox"
              aria-label="Command suggestions"
            >
              {suggestions.map((s, i) => (
                <div
                  key={s}
                  role="option"
                  tabIndex={-1}
                  aria-selected={i === pick}
                  onMouseDown={(ev) => {
                    ev.preventDefault();
                    setLine(`${s} `);
                    inputRef.current?.focus();
                  }}
                >
                  {s}
                </div>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
