import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';
import { ClientProvider, type PageClient } from './client-context.tsx';
import { FakeClient } from './fake-client.ts';
import { useApp } from './store/index.ts';

/**
 * Renders a component into happy-dom's document under a ClientProvider (the tests' fake client),
 * and the few user actions the component tests need, each inside React's `act`.
 */

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  readonly container: HTMLElement;
  unmount(): Promise<void>;
}

export async function render(ui: ReactNode, client: PageClient): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(<ClientProvider client={client}>{ui}</ClientProvider>));
  return {
    container,
    async unmount() {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/**
 * For each test of a file: the store as it was when the file loaded (then `prepare`'s changes), a
 * new fake client, and `ui` rendered under it, unmounted after the test. Read the current ones
 * from the returned object.
 */
export function renderEach(
  ui: () => ReactNode,
  prepare: (client: FakeClient) => void = () => {},
): { readonly client: FakeClient; readonly view: Rendered } {
  const initial = useApp.getState();
  const current = {} as { client: FakeClient; view: Rendered };
  beforeEach(async () => {
    useApp.setState(initial, true);
    current.client = new FakeClient();
    prepare(current.client);
    current.view = await render(ui(), current.client);
  });
  afterEach(() => current.view.unmount());
  return current;
}

/** The element with this accessible name given by aria-label (what the e2e specs drive by). */
export function byLabel<T extends Element = HTMLElement>(root: ParentNode, label: string): T {
  const el = root.querySelector<T & Element>(`[aria-label="${CSS.escape(label)}"]`);
  if (!el) throw new Error(`nothing labelled "${label}"`);
  return el;
}

/** The button whose text is `text`. */
export function buttonText(root: ParentNode, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

export async function click(el: Element): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

/** Sets a text box's value as typing does (React listens for the input event). */
export async function typeInto(el: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  const proto = Object.getPrototypeOf(el) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  await act(async () => {
    setter?.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function pressKey(el: Element, key: string, init: KeyboardEventInit = {}): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

export async function choose(el: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** A change from outside the component (a store update, a worker message), inside `act`. */
export async function update(change: () => void): Promise<void> {
  await act(async () => change());
}
