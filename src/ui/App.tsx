import { Activity, lazy, Suspense, useEffect } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { startBridgeFromHash } from './bridge/bridge.ts';
import { runPresentAction } from './classroom/present-actions.ts';
import { keyTarget, presentationKey } from './classroom/present-keys.ts';
import { resumePresenter } from './classroom/presenter-link.ts';
import { ClientProvider, type PageClient, useClient } from './client-context.tsx';
import { ConsolePanel } from './console/ConsolePanel.tsx';
import { DocsPanel } from './docs/DocsPanel.tsx';
import { EventsPanel } from './events/EventsPanel.tsx';
import { ExpiryPanel } from './expiry/ExpiryPanel.tsx';
import { KeysPanel } from './keys/KeysPanel.tsx';
import { pageMode } from './mode.ts';
import { openFromUrl } from './open-from-url.ts';
import { StoreConflictDialog } from './persist/PlaygroundControls.tsx';
import { StatusBar } from './StatusBar.tsx';
import { PRESENT_FONT_SIZE, useNarrow } from './scale.ts';
import { ScenarioOfferDialog } from './share/ShareDialogs.tsx';
import { scenarioAtStart } from './share/scenario.ts';
import { useApp } from './store/index.ts';
import type { SideTab } from './store/settings-slice.ts';
import { Toolbar } from './Toolbar.tsx';
import { TimelinePanel } from './timeline/TimelinePanel.tsx';
import { Welcome } from './welcome/Welcome.tsx';
import type { WorkerClient } from './worker-client.ts';

// The classroom's views load when first shown: most visits never present or embed.
const PresentationView = lazy(() =>
  import('./classroom/PresentationView.tsx').then((m) => ({ default: m.PresentationView })),
);
const EmbedApp = lazy(() => import('./embed/EmbedApp.tsx').then((m) => ({ default: m.EmbedApp })));

const TABS: { id: SideTab; label: string }[] = [
  { id: 'console', label: 'Console' },
  { id: 'events', label: 'Events' },
  { id: 'expiry', label: 'Expiry' },
  { id: 'docs', label: 'Docs' },
];
/** Stacked, the timeline is a tab of its own under the key table. */
const STACKED_TABS: { id: SideTab; label: string }[] = [...TABS, { id: 'timeline', label: 'Timeline' }];

function tabContent(id: SideTab) {
  switch (id) {
    case 'console':
      return <ConsolePanel />;
    case 'events':
      return <EventsPanel />;
    case 'expiry':
      return <ExpiryPanel />;
    case 'timeline':
      return <TimelinePanel />;
    case 'docs':
      return <DocsPanel />;
    default:
      // A new SideTab without its panel here does not compile.
      return noPanel(id);
  }
}

function noPanel(id: never): never {
  throw new Error(`no panel for tab ${String(id)}`);
}

function SidePanels({ stacked }: { stacked: boolean }) {
  const tabs = stacked ? STACKED_TABS : TABS;
  const chosen = useApp((s) => s.sideTab);
  const tab = tabs.some((t) => t.id === chosen) ? chosen : 'console';
  // The timeline's tab is gone once the panels stand side by side again.
  useEffect(() => {
    if (tab !== chosen) useApp.getState().setSideTab(tab);
  }, [tab, chosen]);
  return (
    <div className="side">
      <div className="tabs" role="tablist" aria-label="Side panels">
        {tabs.map((t) => (
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
      {tabs.map((t) => (
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
  );
}

/** Side by side on a wide screen; on a narrow one (a phone, a tablet) the table above the console. */
function Workspace() {
  const stacked = useNarrow();
  if (stacked) {
    return (
      <main className="workspace stacked">
        <Group orientation="vertical" id="stacked-workspace">
          <Panel id="keys" defaultSize="42" minSize="15">
            <KeysPanel />
          </Panel>
          <Separator className="separator separator-h" />
          <Panel id="side" defaultSize="58" minSize="20">
            <SidePanels stacked />
          </Panel>
        </Group>
      </main>
    );
  }
  return (
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
          <SidePanels stacked={false} />
        </Panel>
      </Group>
    </main>
  );
}

/** The theme, the one scale (the font setting, or the window in presentation mode), high contrast. */
function usePageLook(presenting: boolean): void {
  const theme = useApp((s) => s.theme);
  const fontSize = useApp((s) => s.fontSize);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.fontSize = presenting ? PRESENT_FONT_SIZE : `${fontSize}px`;
    root.classList.toggle('presenting', presenting);
  }, [theme, fontSize, presenting]);
}

/** The presentation keys (present-keys.ts), and P to start presenting. */
function usePresentationKeys(client: PageClient): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || document.querySelector('dialog[open]')) return;
      const action = presentationKey({
        key: e.key,
        modified: e.ctrlKey || e.altKey || e.metaKey,
        presenting: useApp.getState().presenting,
        ...keyTarget(e.target),
      });
      if (!action) return;
      e.preventDefault();
      runPresentAction(client, action);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [client]);
}

function FullApp() {
  const presenting = useApp((s) => s.presenting);
  const client = useClient();
  useEffect(() => {
    resumePresenter(client);
    startBridgeFromHash();
    // A bridge's link pasted into an open tab changes only the fragment.
    window.addEventListener('hashchange', startBridgeFromHash);
    void openFromUrl(client);
    void scenarioAtStart();
    return () => window.removeEventListener('hashchange', startBridgeFromHash);
  }, [client]);
  usePageLook(presenting);
  usePresentationKeys(client);
  return (
    <>
      {presenting ? (
        <Suspense fallback={null}>
          <PresentationView />
        </Suspense>
      ) : (
        <div className="app">
          <Toolbar />
          <Welcome />
          <Workspace />
          <StatusBar />
        </div>
      )}
      <StoreConflictDialog />
      <ScenarioOfferDialog />
    </>
  );
}

/** An audience window: the presenter's playground, mirrored (classroom/audience-link.ts). */
function AudienceApp() {
  usePageLook(true);
  return (
    <Suspense fallback={null}>
      <PresentationView audience />
    </Suspense>
  );
}

/** The page as its URL says, each under the one worker client (`client`, from main.tsx). */
export function App({ client }: { client: WorkerClient }) {
  // After the children's effects, so what they subscribe to includes the worker's first messages.
  // The embed (loaded later) starts its client itself, once its link listens.
  useEffect(() => {
    if (pageMode.kind !== 'embed') client.start();
  }, [client]);
  return (
    <ClientProvider client={client}>
      <PageByMode />
    </ClientProvider>
  );
}

function PageByMode() {
  if (pageMode.kind === 'embed') {
    return (
      <Suspense fallback={null}>
        <EmbedApp />
      </Suspense>
    );
  }
  if (pageMode.kind === 'audience') return <AudienceApp />;
  return <FullApp />;
}
