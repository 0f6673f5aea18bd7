import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

/** Where screenshots go: the ones a test takes, and the one of a page when a step failed. */
export const SCREENSHOT_DIR = 'test-results';

/** One server and one browser page on it, for a file whose steps build on each other. */
export interface BrowserSession {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** A full-page screenshot into SCREENSHOT_DIR. */
  screenshot(name: string): Promise<void>;
  /** For afterEach: a picture of the page when the step failed, to see why. */
  screenshotIfFailed(task: { name: string; result?: { state?: string } }, prefix: string): Promise<void>;
  /** A same-origin admin API call with the page's session cookie. */
  api(method: 'get' | 'post' | 'delete', path: string, data?: unknown): ReturnType<Page['request']['get']>;
  close(): Promise<void>;
}

/** Starts the real server, Chromium and a 1280×900 page on it, with `timeoutMs` for every wait. */
export async function openBrowserSession(timeoutMs = 15_000): Promise<BrowserSession> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  const screenshot = async (name: string) => {
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  };
  return {
    server,
    browser,
    context,
    page,
    screenshot,
    screenshotIfFailed: async (task, prefix) => {
      if (task.result?.state === 'fail')
        await screenshot(`${prefix}-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
    },
    api: (method, path, data) => page.request[method](path, { data, headers: { origin: server.url } }),
    close: async () => {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}
