import { useApp } from '../store/index.ts';

/**
 * Entering and leaving presentation mode. The URL follows (`?present`), so a reload, or a link
 * handed to the machine at the projector, opens straight into it.
 */
export function setPresentation(on: boolean): void {
  useApp.getState().setPresenting(on);
  const url = new URL(window.location.href);
  if (on) url.searchParams.set('present', '');
  else url.searchParams.delete('present');
  history.replaceState(history.state, '', url.toString().replace(/([?&]present)=(?=&|#|$)/, '$1'));
}
