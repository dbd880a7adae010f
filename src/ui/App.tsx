import { useEffect } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { ClockBar } from './panels/ClockBar.tsx';
import { ConsolePanel } from './panels/ConsolePanel.tsx';
import { EventsPanel } from './panels/EventsPanel.tsx';
import { KeysPanel } from './panels/KeysPanel.tsx';
import { StatusBar } from './panels/StatusBar.tsx';
import { useApp } from './store/index.ts';
import { FONT_SIZES, type SideTab } from './store/settings-slice.ts';
import { workerClient } from './worker-client.ts';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'console', label: 'Console' },
  { id: 'events', label: 'Events' },
];

export function App() {
  const theme = useApp((s) => s.theme);
  const fontSize = useApp((s) => s.fontSize);
  const tab = useApp((s) => s.sideTab);

  useEffect(() => {
    workerClient();
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.fontSize = `${fontSize}px`;
  }, [theme, fontSize]);

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">
          Expiry Playground <span className="muted">Redis 7.0 keyspace</span>
        </h1>
        <ClockBar />
        <div className="view-settings">
          <label>
            <span className="visually-hidden">Font size</span>
            <select
              aria-label="Font size"
              value={fontSize}
              onChange={(e) => useApp.getState().setFontSize(Number(e.target.value))}
              title="Font size (for projectors)"
            >
              {FONT_SIZES.map((px) => (
                <option key={px} value={px}>
                  {px}px
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            aria-label={theme === 'dark' ? 'Use light theme' : 'Use dark theme'}
            onClick={() => useApp.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
          >
            {theme === 'dark' ? '☀' : '☾'}
          </button>
        </div>
      </header>
      <main className="workspace">
        <Group orientation="horizontal" id="workspace">
          <Panel id="keys" defaultSize="60" minSize="25">
            <KeysPanel />
          </Panel>
          <Separator className="separator" />
          <Panel id="side" defaultSize="40" minSize="20">
            <div className="side">
              <div className="tabs" role="tablist" aria-label="Side panels">
                {TABS.map((t) => (
                  <button
                    key={t.id}
                    type="button"
                    role="tab"
                    id={`tab-${t.id}`}
                    aria-selected={tab === t.id}
                    aria-controls={`tabpanel-${t.id}`}
                    onClick={() => useApp.getState().setSideTab(t.id)}
                  >
                    {t.label}
                  </button>
                ))}
              </div>
              {TABS.map((t) => (
                <div
                  key={t.id}
                  role="tabpanel"
                  id={`tabpanel-${t.id}`}
                  aria-labelledby={`tab-${t.id}`}
                  hidden={tab !== t.id}
                  className="tabpanel"
                >
                  {t.id === 'console' ? <ConsolePanel /> : <EventsPanel />}
                </div>
              ))}
            </div>
          </Panel>
        </Group>
      </main>
      <StatusBar />
    </div>
  );
}
