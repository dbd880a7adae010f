import { useState } from 'react';
import { COMPATS, isCompat, PROFILES } from '../engine/compat.ts';
import { TargetSwitch } from './bridge/TargetSwitch.tsx';
import { setPresentation } from './classroom/presentation.ts';
import { openAudienceWindow } from './classroom/presenter-link.ts';
import { useClient } from './client-context.tsx';
import { ClockBar, ClockMoves } from './clock/ClockBar.tsx';
import { ResetButton, ScenarioSessionBar } from './persist/PlaygroundControls.tsx';
import { useNarrow } from './scale.ts';
import { ShareButton } from './share/ShareDialogs.tsx';
import { useApp } from './store/index.ts';
import { FONT_SIZES } from './store/settings-slice.ts';

/**
 * The app's toolbar: the clock, the playground's actions, the classroom and the view settings. On a
 * wide window they wrap onto a second row when they must (whole controls, never a broken label); on
 * a narrow one (a phone, or a large font on a small window: useNarrow) everything but Pause/Play
 * and the time goes into a menu under the "Menu" button.
 */

function Actions() {
  const client = useClient();
  const welcomeOpen = useApp((s) => s.welcomeOpen);
  const fontSize = useApp((s) => s.fontSize);
  const theme = useApp((s) => s.theme);
  const compat = useApp((s) => s.compat);
  return (
    <>
      <div className="playground-actions">
        <ScenarioSessionBar />
        <ShareButton />
        <ResetButton />
      </div>
      <TargetSwitch />
      <div className="classroom-actions">
        <button
          type="button"
          aria-keyshortcuts="P"
          title="Projector layout: everything large, only the console, keys, clock and lesson step (P)"
          onClick={() => setPresentation(true)}
        >
          Present
        </button>
        <button
          type="button"
          title="A second window for the projector, mirroring this one; notes and the next step stay here"
          onClick={() => openAudienceWindow(client)}
        >
          Open audience window
        </button>
      </div>
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
              if (isCompat(e.target.value)) client.setCompat(e.target.value);
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
    </>
  );
}

export function Toolbar() {
  const compat = useApp((s) => s.compat);
  const collapsed = useNarrow();
  const [open, setOpen] = useState(false);
  return (
    <>
      <header className={`toolbar${collapsed ? ' collapsed' : ''}`}>
        <h1 className="brand">
          Expiry Playground <span className="muted">{PROFILES[compat].label} keyspace</span>
        </h1>
        <ClockBar compact={collapsed} />
        {collapsed ? (
          <button
            type="button"
            className="menu-button"
            aria-expanded={open}
            aria-controls="toolbar-menu"
            onClick={() => setOpen(!open)}
          >
            Menu
          </button>
        ) : (
          <Actions />
        )}
      </header>
      {collapsed && open && (
        <fieldset id="toolbar-menu" className="toolbar-menu" aria-label="Menu">
          <fieldset className="clock-moves" aria-label="Clock steps">
            <ClockMoves />
          </fieldset>
          <Actions />
        </fieldset>
      )}
    </>
  );
}
