import { useVirtualizer } from '@tanstack/react-virtual';
import { type ClipboardEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { runOnTarget, serverPrompt } from '../bridge/bridge.ts';
import { completions, pastedLines, syntaxHint } from '../console-input.ts';
import { ExportButtons } from '../export/ExportButtons.tsx';
import { formatClockTime } from '../format-time.ts';
import { useApp } from '../store/index.ts';
import { workerClient } from '../worker-client.ts';

/**
 * A redis-cli style console: replies exactly as redis-cli prints them, errors set apart, each entry
 * stamped with the virtual time; history (↑/↓, kept across reloads), autocomplete (Tab), an inline
 * syntax hint, `clear` / Ctrl+L, and multi-line paste that runs each line in order. Everything typed
 * or printed is rendered as text.
 */
/** Clears the scrollback, and the saved transcript with it. */
function clearConsole(): void {
  useApp.getState().clearConsole();
  workerClient().send({ type: 'console-cleared' });
}

/** What an empty console line suggests (the first thing a learner might type). */
export const PLACEHOLDER = 'Type a command, e.g. PSETEX mykey 2000 "Hello"';

/**
 * `docked`: in the side panel's tabs, with the export buttons (presentation mode and embeds show it
 * on its own). `input`: false where nothing may be typed (an audience window, a read-only embed).
 */
export function ConsolePanel({ docked = true, input = true }: { docked?: boolean; input?: boolean }) {
  const entries = useApp((s) => s.entries);
  const dropped = useApp((s) => s.droppedEntries);
  const prompt = useApp((s) =>
    s.target === 'server' && s.bridge?.status === 'open' ? serverPrompt(s) : s.prompt,
  );
  const commands = useApp((s) => s.commands);
  const zone = useApp((s) => s.timeZone);
  const [line, setLine] = useState('');
  const [historyPos, setHistoryPos] = useState<number | null>(null);
  const [pick, setPick] = useState(0);
  const draft = useRef('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 40,
    overscan: 12,
  });

  const shown = useApp((s) => s.sideTab === 'console') || !docked;
  // Follow the output as it grows, and show the newest entry when the tab comes back into view (a
  // hidden tab has no size to scroll in).
  useEffect(() => {
    if (!shown || entries.length === 0) return;
    const frame = requestAnimationFrame(() =>
      virtualizer.scrollToIndex(entries.length - 1, { align: 'end' }),
    );
    return () => cancelAnimationFrame(frame);
  }, [entries.length, virtualizer, shown]);

  const suggestions = completions(line, commands);
  const hint = suggestions.length === 0 ? syntaxHint(line, commands) : '';

  const run = (lines: readonly string[]) => {
    const app = useApp.getState();
    app.remember(lines);
    const toSend: string[] = [];
    for (const l of lines) {
      if (l.trim().toLowerCase() === 'clear') {
        if (toSend.length) void runOnTarget(toSend.splice(0));
        clearConsole();
        continue;
      }
      toSend.push(l);
    }
    if (toSend.length) void runOnTarget(toSend);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const history = useApp.getState().history;
    if (e.key === 'Enter') {
      e.preventDefault();
      run([line]);
      setLine('');
      setHistoryPos(null);
      setPick(0);
    } else if (e.key === 'ArrowUp' && !suggestions.length) {
      if (history.length === 0) return;
      e.preventDefault();
      if (historyPos === null) draft.current = line;
      const pos = historyPos === null ? history.length - 1 : Math.max(0, historyPos - 1);
      setHistoryPos(pos);
      setLine(history[pos] ?? '');
    } else if (e.key === 'ArrowDown' && !suggestions.length) {
      if (historyPos === null) return;
      e.preventDefault();
      const pos = historyPos + 1;
      if (pos >= history.length) {
        setHistoryPos(null);
        setLine(draft.current);
      } else {
        setHistoryPos(pos);
        setLine(history[pos] ?? '');
      }
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
      clearConsole();
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (!/[\r\n]/.test(text)) return;
    e.preventDefault();
    const lines = pastedLines(line + text);
    run(lines);
    setLine('');
  };

  const items = virtualizer.getVirtualItems();
  return (
    <section className="console" aria-label="Console">
      {docked && <ExportButtons />}
      <div
        className="console-output"
        role="log"
        aria-label="Console output"
        aria-live="polite"
        data-count={entries.length + dropped}
        ref={scrollRef}
      >
        {dropped > 0 && (
          <div className="muted dropped">{dropped} earlier entries scrolled out of the console</div>
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
      {input && (
        <div className="console-input">
          <label htmlFor="console-command" className="prompt">
            {prompt}
          </label>
          <div className="input-wrap">
            <input
              id="console-command"
              ref={inputRef}
              aria-label="Command"
              aria-autocomplete="list"
              aria-controls="console-suggestions"
              aria-describedby="console-hint"
              autoComplete="off"
              spellCheck={false}
              placeholder={PLACEHOLDER}
              value={line}
              onChange={(e) => {
                setLine(e.target.value);
                setHistoryPos(null);
                setPick(0);
              }}
              onKeyDown={onKeyDown}
              onPaste={onPaste}
            />
            <span className="hint" aria-hidden="true">
              <span className="hint-typed">{line}</span>
              {hint}
            </span>
            <span id="console-hint" className="visually-hidden">
              {hint.trim()}
            </span>
          </div>
          {suggestions.length > 0 && (
            <div
              id="console-suggestions"
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
    </section>
  );
}
