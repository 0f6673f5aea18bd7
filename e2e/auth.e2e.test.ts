import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import {
  fieldError,
  fillCredentials,
  navLabels,
  passwordInput,
  signOut,
  waitForAppShell,
} from './support/page-helpers.js';
import { startServer, type RunningServer } from './support/server.js';

const ADMIN = { username: 'ada', password: 'correct horse battery staple' };
const SCREENSHOT_DIR = 'test-results';
const ALL_NAV = ['Services', 'Queues', 'Bridges', 'Brokers', 'Users', 'API tokens'];

// One server and one browser for the file: the steps build on each other (register, then sign in).
describe('signing up, in and out in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    // Fail fast with a useful message instead of waiting out the test timeout.
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('sends a visitor to sign in, then registers the first user as admin', async () => {
    await page.goto('/ui/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/ui/login');

    await page.getByRole('link', { name: 'Create one' }).click();
    await page.getByText('The first account becomes the administrator.').waitFor();
    await fillCredentials(page, ADMIN.username, ADMIN.password);
    await page.getByRole('button', { name: 'Create account' }).click();

    await waitForAppShell(page);
    expect(await navLabels(page)).toEqual(ALL_NAV);
    expect(await page.getByTestId('current-username').innerText()).toBe(ADMIN.username);
    expect(await page.getByTestId('current-role').innerText()).toMatch(/admin/i);
    await page.getByText('No services yet').waitFor();

    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/auth-layout.png`, fullPage: true });
  });

  it('signs out, and a protected page sends the visitor to sign in', async () => {
    await signOut(page);
    expect(new URL(page.url()).search).toBe('');
    await page.goto('/ui/tokens');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/ui/login');
    expect(url.searchParams.get('redirectTo')).toBe('/tokens');
  });

  it('asks for blank fields without calling the server', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await fieldError(page.getByLabel(/^Username/))).toBe('Enter your username');
    expect(await fieldError(passwordInput(page))).toBe('Enter your password');
  });

  it('shows a readable error for a wrong password', async () => {
    await fillCredentials(page, ADMIN.username, 'not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not sign in' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Wrong username or password');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/auth-sign-in-error.png` });
  });

  it('signs in again and returns to the page the visitor asked for', async () => {
    await fillCredentials(page, ADMIN.username, ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForAppShell(page);
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/ui/tokens');
    expect(await navLabels(page)).toEqual(ALL_NAV);
    await signOut(page);
  });

  it('puts a validation error under the field it belongs to', async () => {
    await page.goto('/ui/register');
    await fillCredentials(page, 'grace', 'short');
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await fieldError(passwordInput(page))).toMatch(/8 characters/);
    expect(await page.getByRole('alert').filter({ hasText: 'Could not create the account' }).count()).toBe(0);
  });
});
