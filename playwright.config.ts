/**
 * End-to-end tests in Chromium against the production build (`vite preview`), so what is tested is
 * what ships, worker chunk included. The browser is chosen by e2e/browser.ts.
 */
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/browser.ts';

// STREAMSCOPE_E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.STREAMSCOPE_E2E_PORT ?? 4173);
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: isCI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1600, height: 1000 },
        launchOptions: chromiumLaunchOptions(),
      },
    },
  ],
  webServer: {
    command: `npm run build && npx vite preview --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !isCI,
    timeout: 300_000, // the build runs first; on a busy 2-core machine it can take over two minutes
  },
});
