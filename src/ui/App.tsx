import { Activity, useEffect } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { COMPATS, isCompat, PROFILES } from '../engine/compat.ts';
import { startBridgeFromHash } from './bridge/bridge.ts';
import { TargetSwitch } from './bridge/TargetSwitch.tsx';
import { openDocPage } from './docs/open.ts';
import { lessonFor, unknownLessonMessage } from './lessons.ts';
import { ClockBar } from './panels/ClockBar.tsx';
import { ConsolePanel } from './panels/ConsolePanel.tsx';
import { DocsPanel } from './panels/DocsPanel.tsx';
import { EventsPanel } from './panels/EventsPanel.tsx';
import { ExpiryPanel } from './panels/ExpiryPanel.tsx';
import { KeysPanel } from './panels/KeysPanel.tsx';
import { StatusBar } from './panels/StatusBar.tsx';
import { TimelinePanel } from './panels/TimelinePanel.tsx';
import { ResetButton, ScenarioSessionBar, StoreConflictDialog } from './persist/PlaygroundControls.tsx';
import { ScenarioOfferDialog, ShareButton } from './share/ShareDialogs.tsx';
import { scenarioAtStart } from './share/scenario.ts';
import { useApp } from './store/index.ts';
import { FONT_SIZES, type SideTab } from './store/settings-slice.ts';
import { Welcome } from './welcome/Welcome.tsx';
import { workerClient } from './worker-client.ts';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'console', label: 'Console' },
  { id: 'events', label: 'Events' },
  { id: 'expiry', label: 'Expiry' },
  { id: 'docs', label: 'Docs' },
];

/** `?lesson=psetex-basics` opens a bundled lesson; `?doc=<url>` fetches a page and opens it. */
async function openFromUrl(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const lessonId = params.get('lesson');
  const docUrl = params.get('doc');
  const fail = (message: string) => {
    useApp.getState().setSideTab('docs');
    useApp.getState().setDocError(message);
  };
  if (lessonId !== null) {
    const lesson = lessonFor(lessonId);
    if (lesson) openDocPage(`${lesson.id}.md`, await lesson.load());
    else fail(unknownLessonMessage(lessonId));
    return;
  }
  if (docUrl === null) return;
  let res: Response;
  try {
    res = await fetch(docUrl);
  } catch {
    // fetch gives no detail on purpose; a refused cross-origin read is by far the likeliest cause.
    fail(
      `Could not open ${docUrl}: the page's server did not answer, or does not allow other sites to ` +
        'read its pages (no CORS headers). Download the page and use "Open file…", or paste its text.',
    );
    return;
  }
  if (!res.ok) {
    fail(`Could not open ${docUrl}: the server answered HTTP ${res.status}.`);
    return;
  }
  // An app-relative path (`?doc=/etc/passwd`) gets the app's own index.html back: not a page.
  const type = res.headers.get('content-type') ?? '';
  if (/\bhtml\b/i.test(type)) {
    fail(`Could not open ${docUrl}: it is an HTML page (${type}), not markdown.`);
    return;
  }
  const name = new URL(docUrl, window.location.href).pathname.split('/').pop() || 'page.md';
  openDocPage(name, await res.text(), { requireExample: true });
}

function tabContent(id: SideTab) {
  if (id === 'console') return <ConsolePanel />;
  if (id === 'events') return <EventsPanel />;
  if (id === 'expiry') return <ExpiryPanel />;
  return <DocsPanel />;
}

export function App() {
  const theme = useApp((s) => s.theme);
  const fontSize = useApp((s) => s.fontSize);
  const tab = useApp((s) => s.sideTab);
  const compat = useApp((s) => s.compat);
  const welcomeOpen = useApp((s) => s.welcomeOpen);

  useEffect(() => {
    workerClient();
    startBridgeFromHash();
    // A bridge's link pasted into an open tab changes only the fragment.
    window.addEventListener('hashchange', startBridgeFromHash);
    void openFromUrl();
    void scenarioAtStart();
    return () => window.removeEventListener('hashchange', startBridgeFromHash);
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.fontSize = `${fontSize}px`;
  }, [theme, fontSize]);

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">
          Expiry Playground <span className="muted">{PROFILES[compat].label} keyspace</span>
        </h1>
        <ClockBar />
        <div className="playground-actions">
          <ScenarioSessionBar />
          <ShareButton />
          <ResetButton />
        </div>
        <TargetSwitch />
        <div className="view-settings">
          <button
            type="button"
            aria-expanded={welcomeOpen}
            title="The welcome, and the way into the course"
            onClick={() => useApp.getState().setWelcomeOpen(!welcomeOpen)}
          >
            Learn
          </button>
          <label>
            <span className="visually-hidden">Compatibility</span>
            <select
              aria-label="Compatibility"
              value={compat}
              onChange={(e) => {
                if (isCompat(e.target.value)) workerClient().setCompat(e.target.value);
              }}
              title="The server the shown keyspace answers as: its commands, replies and INFO version"
            >
              {COMPATS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
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
      <Welcome />
      <main className="workspace">
        <Group orientation="horizontal" id="workspace">
          <Panel id="left" defaultSize="60" minSize="25">
            <Group orientation="vertical" id="left-column">
              <Panel id="keys" defaultSize="68" minSize="20">
                <KeysPanel />
              </Panel>
              <Separator className="separator separator-h" />
              <Panel id="timeline" defaultSize="32" minSize="8">
                <TimelinePanel />
              </Panel>
            </Group>
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
                  {/* A hidden tab keeps its state but does not re-render with every batch. */}
                  <Activity mode={tab === t.id ? 'visible' : 'hidden'}>{tabContent(t.id)}</Activity>
                </div>
              ))}
            </div>
          </Panel>
        </Group>
      </main>
      <StatusBar />
      <StoreConflictDialog />
      <ScenarioOfferDialog />
    </div>
  );
}
