import type { PageClient } from '../client-context.tsx';
import { clockOp } from '../clock/ClockBar.tsx';
import type { AppState } from '../store/index.ts';
import { useApp } from '../store/index.ts';
import type { PresentAction } from './present-keys.ts';
import { setPresentation } from './presentation.ts';

/** What the presentation keys and buttons do (present-keys.ts maps the keys). */

/** A step can run: a page is open, not through, and not in the middle of a run or a wait. */
export const canStepOn = (s: AppState) =>
  s.docPage !== null &&
  !s.docFinished &&
  !s.docRunning &&
  s.docWaiting === null &&
  s.docPage.steps.length > 0;

export const canStepBack = (s: AppState) => s.docPage !== null && s.docPosition > 0;

export function runPresentAction(client: PageClient, action: PresentAction): void {
  const app = useApp.getState();
  const send: PageClient['send'] = (req) => client.send(req);
  switch (action) {
    case 'present':
      setPresentation(true);
      break;
    case 'leave':
      setPresentation(false);
      break;
    case 'play-pause':
      clockOp(client, { kind: app.clock?.paused ? 'play' : 'pause' });
      break;
    case 'next-expiry':
      clockOp(client, { kind: 'next-expiry' });
      break;
    case 'next-step':
      if (canStepOn(app)) send({ type: 'docs-step', waitMode: app.waitMode });
      break;
    case 'previous-step':
      if (canStepBack(app)) send({ type: 'docs-goto', position: app.docPosition - 1 });
      break;
    case 'restart':
      if (app.docPage) send({ type: 'docs-reset' });
      break;
  }
}
