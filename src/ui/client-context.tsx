import { createContext, type ReactNode, use } from 'react';
import type { WorkerClient } from './worker-client.ts';

/**
 * The worker client reaches components through React context, handed down from the root (App,
 * EmbedApp, the audience window), as React DevTools hands its bridge down: a panel asks for it with
 * `useClient()`, and a test renders the panel under a provider holding a fake (fake-client.ts).
 * Code outside React (bridge.ts, docs/open.ts, the classroom and embed links) takes it as a
 * parameter from the component that calls it.
 */
export type PageClient = Pick<
  WorkerClient,
  'send' | 'exec' | 'inspect' | 'setCompat' | 'sweep' | 'subscribe' | 'capture' | 'mirrorTo' | 'start'
>;

const ClientContext = createContext<PageClient | null>(null);

export function ClientProvider({ client, children }: { client: PageClient; children: ReactNode }) {
  return <ClientContext value={client}>{children}</ClientContext>;
}

/** The page's worker client; a component rendered outside a ClientProvider is a bug, said at once. */
export function useClient(): PageClient {
  const client = use(ClientContext);
  if (!client) throw new Error('useClient() outside a <ClientProvider>');
  return client;
}
