import type { KeyboardEvent } from 'react';
import { useClient } from '../client-context.tsx';
import './console.css';
import { ExportButtons } from '../export/ExportButtons.tsx';
import { splitPartner } from '../store/console-slice.ts';
import { useApp } from '../store/index.ts';
import { ConsoleView } from './ConsoleView.tsx';

/**
 * `docked`: in the side panel's tabs, with the export buttons (presentation mode and embeds show it
 * on its own). `input`: false where nothing may be typed (an audience window, a read-only embed).
 *
 * The consoles: one tab per client connection ("Client 1", "Client 2"…, "+" opens another), each
 * with its own database, transaction, watched keys, subscriptions and blocking command, and a
 * side-by-side split to watch two clients at once (a subscriber and a writer, a BLPOP and its push).
 */
export function ConsolePanel({ docked = true, input = true }: { docked?: boolean; input?: boolean }) {
  const client = useClient();
  const consoles = useApp((s) => s.consoles);
  const activeId = useApp((s) => s.activeConsole);
  const split = useApp((s) => s.splitConsoles);
  const active = consoles.find((t) => t.id === activeId) ?? consoles[0];
  const partner = split && active ? splitPartner(consoles, active.id) : undefined;

  const select = (id: number) => useApp.getState().setActiveConsole(id);
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = consoles[(index + step + consoles.length) % consoles.length];
    if (next) {
      select(next.id);
      document.getElementById(`console-tab-${next.id}`)?.focus();
    }
  };

  if (!active) return null;
  return (
    <section className="console" aria-label="Console">
      {docked && <ExportButtons />}
      {/* On its own (a projector, an embed) there is no chrome: the tab shown, and its split partner. */}
      {docked && (
        <div className="console-tabs">
          <div role="tablist" aria-label="Clients">
            {consoles.map((t, i) => (
              <span key={t.id} className="console-tab">
                <button
                  type="button"
                  role="tab"
                  id={`console-tab-${t.id}`}
                  aria-selected={t.id === active.id}
                  aria-controls="console-tabpanel"
                  tabIndex={t.id === active.id ? 0 : -1}
                  title={`CLIENT ID ${t.clientId}`}
                  className={t.mode === 'ready' ? '' : `tab-${t.mode}`}
                  onClick={() => select(t.id)}
                  onKeyDown={(e) => onTabKey(e, i)}
                >
                  {t.label}
                </button>
                {consoles.length > 1 && (
                  <button
                    type="button"
                    className="close-tab"
                    aria-label={`Close ${t.label}`}
                    onClick={() => client.send({ type: 'console-close', console: t.id })}
                  >
                    ×
                  </button>
                )}
              </span>
            ))}
          </div>
          <button
            type="button"
            className="new-tab"
            title="New client: another connection to the same server"
            onClick={() => {
              useApp.getState().expectNewConsole();
              client.send({ type: 'console-open' });
            }}
          >
            +
          </button>
          <button
            type="button"
            className="split-toggle"
            aria-pressed={split}
            disabled={consoles.length < 2}
            title="Two clients side by side"
            onClick={() => useApp.getState().setSplitConsoles(!split)}
          >
            Split
          </button>
        </div>
      )}
      <div className={`console-views${partner ? ' split' : ''}`}>
        <div
          id="console-tabpanel"
          {...(docked ? { role: 'tabpanel', 'aria-labelledby': `console-tab-${active.id}` } : {})}
          className="console-pane"
        >
          <ConsoleView
            key={active.id}
            tab={active}
            names={{ output: 'Console output', input: 'Command' }}
            docked={docked}
            input={input}
          />
        </div>
        {partner && (
          <section className="console-pane" aria-label={partner.label}>
            <ConsoleView
              key={partner.id}
              tab={partner}
              names={{ output: `${partner.label} output`, input: `${partner.label} command` }}
              docked={docked}
              input={input}
            />
          </section>
        )}
      </div>
    </section>
  );
}
