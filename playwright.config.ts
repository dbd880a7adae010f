import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/browser.ts';

const executablePath = chromiumExecutable();
const PORT = Number(process.env.E2E_PORT ?? 4317);
/** The dev server (`npm run dev`) gets the next port. */
const DEV_PORT = PORT + 1;

const chromium = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 720 },
  launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
};

/**
 * End-to-end tests in Chromium: every spec against the production build served by `vite preview`,
 * and the dev-server specs against `vite --force` (the README's `npm run dev`, its dependency cache
 * rebuilt as on a fresh clone's first visit).
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Generous: the suite also runs on busy 2-core machines.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry: a timing race on a loaded machine should not sink a run, but `npm test` names every
  // test that needed it ("flaky") so it is fixed rather than hidden.
  retries: 1,
  reporter: [['list'], ['json']],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      testIgnore: '**/dev-server.spec.ts',
      use: { ...chromium, baseURL: `http://127.0.0.1:${PORT}/` },
    },
    {
      name: 'dev-server',
      testMatch: '**/dev-server.spec.ts',
      // The dev server serves every module unbundled: a first visit on a busy machine is slow.
      timeout: 120_000,
      use: { ...chromium, baseURL: `http://127.0.0.1:${DEV_PORT}/` },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx vite --host 127.0.0.1 --port ${DEV_PORT} --strictPort --force`,
      url: `http://127.0.0.1:${DEV_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
