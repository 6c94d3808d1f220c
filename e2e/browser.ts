/**
 * Which Chromium the e2e tests drive, in this order:
 *   1. the executable named by `STREAMSCOPE_CHROMIUM`, if set;
 *   2. Playwright's own Chromium, if installed (`npx playwright install chromium`);
 *   3. a system Chromium at /usr/bin/chromium (Debian/Ubuntu `apt-get install chromium`), launched
 *      with the flags a container needs.
 * Imported by playwright.config.ts and cited by the README.
 *
 * May import: node:fs, playwright-core. May not import: src (e2e sees the app only through the browser).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for a distribution Chromium in a container: no sandbox (no user namespaces), no GPU, and no background traffic that would slow or flake a test. */
export const SYSTEM_CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserChoice {
  source: 'env' | 'playwright' | 'system' | 'none';
  /** Undefined means "let Playwright use its default" (its own browser, or fail with its install hint). */
  executablePath: string | undefined;
  args: string[];
}

function playwrightChromiumPath(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined; // no browser registry entry for this platform
  }
}

export function chooseChromium(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const fromEnv = env.STREAMSCOPE_CHROMIUM;
  if (fromEnv) {
    // A path given on purpose is probably a system build too, so it gets the container flags.
    return { source: 'env', executablePath: fromEnv, args: SYSTEM_CHROMIUM_ARGS };
  }
  const own = playwrightChromiumPath();
  if (own) return { source: 'playwright', executablePath: undefined, args: [] };
  if (existsSync(SYSTEM_CHROMIUM)) return { source: 'system', executablePath: SYSTEM_CHROMIUM, args: SYSTEM_CHROMIUM_ARGS };
  return { source: 'none', executablePath: undefined, args: [] };
}

/** `launchOptions` for playwright.config.ts. */
export function chromiumLaunchOptions(env: NodeJS.ProcessEnv = process.env): { executablePath?: string; args: string[] } {
  const choice = chooseChromium(env);
  return choice.executablePath ? { executablePath: choice.executablePath, args: choice.args } : { args: choice.args };
}

/** A headless Chromium as `chooseChromium` picks it: what the benchmark's tools drive (tools/bench). */
export function launchChosenChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  if (chooseChromium(env).source === 'none') throw new Error(`no Chromium found: set STREAMSCOPE_CHROMIUM, run \`npx playwright install chromium\`, or install ${SYSTEM_CHROMIUM} (see e2e/browser.ts)`);
  return chromium.launch({ headless: true, ...chromiumLaunchOptions(env) });
}
