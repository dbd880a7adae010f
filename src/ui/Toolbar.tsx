import { useLayoutEffect, useRef, useState } from 'react';
import { TargetSwitch } from './bridge/TargetSwitch.tsx';
import { setPresentation } from './classroom/presentation.ts';
import { openAudienceWindow } from './classroom/presenter-link.ts';
import { ClockBar, ClockMoves } from './panels/ClockBar.tsx';
import { ResetButton, ScenarioSessionBar } from './persist/PlaygroundControls.tsx';
import { useRootFontPx } from './scale.ts';
import { ShareButton } from './share/ShareDialogs.tsx';
import { useApp } from './store/index.ts';
import { FONT_SIZES } from './store/settings-slice.ts';

/**
 * The app's toolbar: the clock, the playground's actions, the classroom and the view settings, on
 * one line. When they do not fit (a phone, a narrow window, a large font) everything but
 * Pause/Play and the time goes into a menu under the "Menu" button; no control ever wraps or
 * breaks its label.
 */

function Actions() {
  const welcomeOpen = useApp((s) => s.welcomeOpen);
  const fontSize = useApp((s) => s.fontSize);
  const theme = useApp((s) => s.theme);
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
          onClick={openAudienceWindow}
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

/**
 * Whether the full toolbar overflows its line. It is measured laid out in full; once collapsed, the
 * width it needed decides when it comes back; a new scale measures again.
 */
function useCollapsed(ref: React.RefObject<HTMLElement | null>): boolean {
  const [collapsed, setCollapsed] = useState(false);
  const needed = useRef(0);
  const rootPx = useRootFontPx();
  useLayoutEffect(() => {
    void rootPx;
    setCollapsed(false);
  }, [rootPx]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => {
      if (!collapsed && el.scrollWidth > el.clientWidth + 1) {
        needed.current = el.scrollWidth;
        setCollapsed(true);
      } else if (collapsed && el.clientWidth >= needed.current) setCollapsed(false);
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, collapsed]);
  return collapsed;
}

export function Toolbar() {
  const ref = useRef<HTMLElement>(null);
  const collapsed = useCollapsed(ref);
  const [open, setOpen] = useState(false);
  return (
    <>
      <header className={`toolbar${collapsed ? ' collapsed' : ''}`} ref={ref}>
        <h1 className="brand">
          Expiry Playground <span className="muted">Redis 7.0 keyspace</span>
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
