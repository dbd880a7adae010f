import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';
import { createPageClient } from './worker-client.ts';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
// One worker for the page's life, made before the first render (StrictMode renders twice).
const client = createPageClient();
createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);

// Offline after one visit (scripts/precache.ts writes sw.js into the build); relative, so any sub-path works.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch((e: unknown) => {
    console.warn('offline use unavailable:', e);
  });
}
