import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { navLabels, registerViaUi } from './support/page-helpers.js';
import { startServer, type RunningServer } from './support/server.js';

const PASSWORD = 'correct horse battery staple';
const SCREENSHOT_DIR = 'test-results';

// An admin and a member, each in their own browser context (their own cookie jar).
describe('API tokens and user administration in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let member: Page;

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  /** What the admin API says about a bearer token: the status of GET /internal/auth/me. */
  async function meStatusWith(token: string): Promise<number> {
    const response = await fetch(`${server.url}/internal/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return response.status;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await openPage();
    member = await openPage();
    await registerViaUi(admin, 'ada', PASSWORD);
    await registerViaUi(member, 'bob', PASSWORD);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('hides the Users page from members', async () => {
    expect(await navLabels(member)).toEqual(['Services', 'Queues', 'Bridges', 'Brokers', 'API tokens']);
    expect(await member.getByTestId('current-role').innerText()).toMatch(/member/i);
    await member.goto('/ui/users');
    await member.getByText('Administrators only').waitFor();
  });

  it('creates a token, shows it once with a copy button, and revokes it', async () => {
    await member.getByRole('link', { name: 'API tokens' }).click();
    await member.getByLabel('New token name').fill('ci');
    await member.getByRole('button', { name: 'Create token' }).click();

    await member.getByText("Copy it now. It won't be shown again.").waitFor();
    const token = await member.getByLabel('API token').inputValue();
    expect(token.length).toBeGreaterThan(16);
    await member.getByRole('button', { name: 'Copy', exact: true }).click();
    await member.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    // A string, not a function: the e2e files are type-checked without the DOM library.
    expect(await member.evaluate('navigator.clipboard.readText()')).toBe(token);
    await member.screenshot({ path: `${SCREENSHOT_DIR}/tokens-created.png`, fullPage: true });
    expect(await meStatusWith(token)).toBe(200);

    await member.getByRole('button', { name: 'I have copied it' }).click();
    await member.getByLabel('API token').waitFor({ state: 'detached' });
    const row = member.getByRole('row').filter({ hasText: 'ci' });
    await row.getByText('Never').waitFor();

    await row.getByRole('button', { name: 'Revoke ci' }).click();
    await member.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await member.getByText('You have no API tokens yet.').waitFor();
    expect(await meStatusWith(token)).toBe(401);
  });

  it('lets the admin change a role, disable, enable and delete an account', async () => {
    await admin.getByRole('link', { name: 'Users' }).click();
    const bob = admin.getByRole('row').filter({ hasText: 'bob' });
    await bob.waitFor();

    await admin.getByRole('combobox', { name: 'Role of bob' }).click();
    await admin.getByRole('option', { name: 'Admin' }).click();
    await expect.poll(() => admin.getByRole('combobox', { name: 'Role of bob' }).inputValue()).toBe('Admin');

    await bob.getByRole('button', { name: 'Disable' }).click();
    await bob.getByText('Disabled').waitFor();
    await admin.screenshot({ path: `${SCREENSHOT_DIR}/users.png`, fullPage: true });
    await bob.getByRole('button', { name: 'Enable' }).click();
    await bob.getByText('Active').waitFor();

    await bob.getByRole('button', { name: 'Delete bob' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => admin.getByRole('row').filter({ hasText: 'bob' }).count()).toBe(0);
  });

  it('sends a user whose account was deleted back to sign in', async () => {
    await member.getByRole('link', { name: 'Services' }).click();
    await member.reload();
    await member.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
