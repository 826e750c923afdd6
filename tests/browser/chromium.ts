// Launching the system Chromium for browser tests and the page bench. Playwright cannot
// download its own browsers here; we use the Debian package at /usr/bin/chromium.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM);
/** Browser tests may skip locally without Chromium, never in CI. */
export const mustRunBrowserTests = () => process.env.CI === 'true' || process.env.CI === '1';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** A fresh persistent context (own --user-data-dir) so storage and service workers are real. */
export async function launchContext(viewport = { width: 1440, height: 1000 }): Promise<BrowserContext> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'calico-lab-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
