import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { chooseOption, chooseSegment, fillCode } from './support/mantine.js';
import { fieldError, registerViaUi } from './support/page-helpers.js';
import { startServer, type RunningServer } from './support/server.js';

const PASSWORD = 'correct horse battery staple';
const SCREENSHOT_DIR = 'test-results';

// One server and one newcomer for the file: each step builds on the one before, as in the README.
describe('services, stubs and the live journal in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let page: Page;

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const opened = await context.newPage();
    opened.setDefaultTimeout(10_000);
    return opened;
  }

  /** A client under test calling the mock, as curl would. */
  const callMock = (path: string, init?: RequestInit) => fetch(`${server.url}/proxy/payments${path}`, init);
  const screenshot = (name: string) =>
    page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await openPage();
    await registerViaUi(page, 'ada', PASSWORD);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('explains what a service is, then creates one from the form', async () => {
    await page.getByRole('link', { name: 'Services' }).click();
    await page.getByText('No services yet').waitFor();
    await screenshot('services-empty');

    await page.getByRole('button', { name: 'Create your first service' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service' });
    await dialog.getByLabel(/^Name/).fill('payments');
    await dialog.getByLabel('Description').fill('Card payments, stands in for the PSP');
    await page.waitForTimeout(300); // the dialog's fade-in
    await page.screenshot({ path: `${SCREENSHOT_DIR}/service-create.png` });
    await dialog.getByRole('button', { name: 'Create service' }).click();

    await page.getByRole('heading', { name: 'payments', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/ui/services/payments/stubs');
    expect(await page.getByLabel('Call it').inputValue()).toBe(`curl -i ${server.url}/proxy/payments/`);
    await page.getByText('No stubs yet').waitFor();
  });

  it('creates a static stub in the form, and the mock answers with it', async () => {
    await page.getByRole('link', { name: 'New stub' }).click();
    await page.getByRole('heading', { name: 'New stub' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('express order');
    await chooseOption(page, 'Path match', 'Template');
    await page.getByLabel('Path', { exact: true }).fill('/orders/{id}');
    await page.getByLabel('Header 1 name', { exact: true }).fill('x-tenant');
    await page.getByLabel('Header 1 value', { exact: true }).fill('acme');
    await page.getByLabel('Status', { exact: true }).fill('201');
    await page.getByLabel('Response header 1 name', { exact: true }).fill('x-stubbed');
    await page.getByLabel('Response header 1 value', { exact: true }).fill('yes');
    await page.getByLabel('Response body', { exact: true }).fill('{ "id": 42, "type": "express" }');
    await screenshot('stub-editor');
    await page.getByRole('button', { name: 'Create stub' }).click();

    const row = page.getByRole('row').filter({ hasText: 'express order' });
    await row.getByText('GET /orders/{id}').waitFor();
    await row.getByText('201 JSON').waitFor();
    await page.getByRole('tab', { name: 'Stubs (1)' }).waitFor();
    await screenshot('service-stubs');

    const response = await callMock('/orders/42', { headers: { 'x-tenant': 'acme' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-stubbed')).toBe('yes');
    expect(await response.json()).toEqual({ id: 42, type: 'express' });
  });

  it('shows a call in the live journal without a reload', async () => {
    await page.getByRole('tab', { name: 'Journal' }).click();
    await page.getByTestId('journal-row').first().waitFor(); // the call of the previous test
    await expect.poll(() => page.getByTestId('journal-status').innerText()).toMatch(/live/i);
    await page.evaluate('window.__sameDocument = true');

    expect((await callMock('/orders/7', { headers: { 'x-tenant': 'acme' } })).status).toBe(201);

    const row = page.getByTestId('journal-row').filter({ hasText: '/orders/7' });
    await row.getByText('express order').waitFor();
    expect(await row.getByText('201').count()).toBe(1);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
  });

  it('shows the near misses of an unmatched call, with the field that differed', async () => {
    const response = await callMock('/orders/8', { headers: { 'x-tenant': 'globex' } });
    expect(response.status).toBe(404);

    const row = page.getByTestId('journal-row').filter({ hasText: '/orders/8' });
    await row.getByText('no match').click();
    const entry = page.getByTestId('journal-entry');
    const diff = entry.getByRole('table', { name: 'What differed from express order' }).getByRole('row');
    await diff.filter({ hasText: 'headers.x-tenant' }).waitFor();
    expect(await diff.filter({ hasText: 'headers.x-tenant' }).allInnerTexts()).toEqual([
      expect.stringMatching(/headers\.x-tenant\s+equals "acme"\s+globex/),
    ]);
    await entry.getByRole('table', { name: 'Request headers' }).getByText('globex').waitFor();
    await page.waitForTimeout(300); // the drawer's slide-in
    await page.screenshot({ path: `${SCREENSHOT_DIR}/journal-near-miss.png` });

    await entry.getByRole('link', { name: 'Create a stub from this call' }).click();
    await page.getByRole('heading', { name: 'New stub' }).waitFor();
    expect(await page.getByLabel('Path', { exact: true }).inputValue()).toBe('/orders/8');
    await page.goBack();
    await page.getByTestId('journal-row').filter({ hasText: '/orders/8' }).waitFor();

    await chooseSegment(page, 'No match');
    await expect.poll(() => page.getByTestId('journal-row').count()).toBe(1);
    await chooseSegment(page, 'All');
    await expect.poll(() => page.getByTestId('journal-row').count()).toBe(3);
  });

  it('shows the server error for an invalid regex under the path field', async () => {
    await page.getByRole('tab', { name: /^Stubs/ }).click();
    await page.getByRole('link', { name: 'Edit express order' }).click();
    await page.getByRole('heading', { name: 'Edit stub' }).waitFor();
    await chooseOption(page, 'Path match', 'Regex');
    await page.getByLabel('Path', { exact: true }).fill('^/orders/((');
    await page.getByRole('button', { name: 'Save stub' }).click();

    expect(await fieldError(page.getByLabel('Path', { exact: true }))).toMatch(
      /not a valid regular expression/,
    );
    await screenshot('stub-editor-invalid-regex');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('row').filter({ hasText: 'express order' }).getByText('GET /orders/{id}').waitFor();
  });

  it('keeps what only JSON can say, and enables, answers with and deletes that stub', async () => {
    await page.getByRole('link', { name: 'Duplicate express order' }).click();
    await page.getByRole('heading', { name: 'Copy of a stub' }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('express order (copy)');
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.getByRole('textbox', { name: 'Stub document' });
    const doc = JSON.parse(await editor.innerText()) as { request: Record<string, unknown> };
    expect(doc.request).toEqual({
      method: 'GET',
      path: { template: '/orders/{id}' },
      headers: { 'x-tenant': { equals: 'acme' } },
    });

    const vip = {
      name: 'vip order',
      priority: 5,
      enabled: false,
      request: { ...doc.request, cookies: { tier: { equals: 'vip' } } },
      response: { kind: 'static', text: 'vip' },
    };
    await fillCode(page, 'Stub document', JSON.stringify(vip, null, 2));
    await page.getByRole('tab', { name: 'Form' }).click();
    await page.getByText('More conditions in JSON').waitFor();
    await page.getByText('cookies', { exact: true }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('vip order');
    await page.getByRole('button', { name: 'Create stub' }).click();

    const row = page.getByRole('row').filter({ hasText: 'vip order' });
    await row.getByText('+2 more').waitFor();
    const asVip = { headers: { 'x-tenant': 'acme', cookie: 'tier=vip' } };
    expect((await callMock('/orders/1', asVip)).status).toBe(201); // disabled: the other stub answers
    await row.getByRole('switch', { name: 'vip order enabled' }).click({ force: true });
    await expect.poll(async () => (await callMock('/orders/1', asVip)).text()).toBe('vip');

    await row.getByRole('button', { name: 'Delete vip order' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'vip order' }).count()).toBe(0);
  });

  it('refuses proxy mode without an upstream, under the upstream field, then switches with one', async () => {
    await chooseSegment(page, 'Proxy');
    expect(await fieldError(page.getByLabel('Upstream'))).toMatch(/required when mode is proxy/);
    expect(await page.getByTestId('mode-badge').innerText()).toMatch(/mock/i);
    await screenshot('service-proxy-needs-upstream');

    await page.getByLabel('Upstream').fill('https://payments.example.com/api');
    await chooseSegment(page, 'Partial');
    await expect.poll(() => page.getByTestId('mode-badge').innerText()).toMatch(/partial/i);
    expect(await page.getByTestId('mode-changed').innerText()).toMatch(/^Set to partial by ada, /);
    const saved = await fetch(`${server.url}/internal/services/payments`, {
      headers: { cookie: await sessionCookie() },
    });
    expect(await saved.json()).toMatchObject({
      mode: 'partial',
      upstream: 'https://payments.example.com/api',
    });

    await chooseSegment(page, 'Mock');
    await expect.poll(() => page.getByTestId('mode-badge').innerText()).toMatch(/mock/i);
  });

  it('edits the description, mock-port claims and journal settings, with errors under their fields', async () => {
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit payments' });
    await dialog.getByLabel('Description').fill('Card payments (PSP sandbox)');
    await dialog.getByLabel('Path prefix').fill('payments/');
    await dialog.getByLabel('Keep at most (calls)').fill('500');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await fieldError(dialog.getByLabel('Path prefix'))).toBe(
      'Start with / and do not end with /, e.g. /payments',
    );
    await page.screenshot({ path: `${SCREENSHOT_DIR}/service-edit.png` });

    await dialog.getByLabel('Path prefix').fill('/payments');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Card payments (PSP sandbox)').waitFor();
    // Where the service answers on the mock port, without the /proxy/payments prefix.
    await page.getByTestId('mock-port-calls').getByText('by path prefix /payments').waitFor();
    const saved = await fetch(`${server.url}/internal/services/payments`, {
      headers: { cookie: await sessionCookie() },
    });
    expect(await saved.json()).toMatchObject({
      claims: { pathPrefix: '/payments' },
      journal: { maxEntries: 500 },
    });
  });

  it('holds the journal still while paused, pages back with the cursor, and clears it', async () => {
    await page.getByRole('tab', { name: 'Journal' }).click();
    const rows = page.getByTestId('journal-row');
    await rows.first().waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    expect((await callMock('/paused')).status).toBe(404);
    await page.getByRole('button', { name: 'Resume (1 new)' }).waitFor();
    expect(await rows.filter({ hasText: '/paused' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Resume (1 new)' }).click();
    await rows.filter({ hasText: '/paused' }).waitFor();

    for (let i = 0; i < 60; i++) await callMock(`/bulk/${i}`);
    await page.reload();
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50); // one page
    await page.getByRole('button', { name: 'Load older calls' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(60);
    await rows.filter({ hasText: '/orders/42' }).waitFor(); // the very first call

    await page.getByRole('button', { name: 'Clear the journal' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Clear' }).click();
    await page.getByText('No calls yet').waitFor();
    expect(await rows.count()).toBe(0);
  });

  it('shows the service read-only to a member who does not own it', async () => {
    const member = await openPage();
    await registerViaUi(member, 'bob', PASSWORD);
    await member.getByRole('link', { name: 'payments' }).click();
    await member.getByRole('heading', { name: 'payments', exact: true }).waitFor();
    for (const name of ['Edit', 'Delete payments']) {
      expect(await member.getByRole('button', { name, exact: true }).isDisabled()).toBe(true);
    }
    expect(await member.getByLabel('Upstream').isDisabled()).toBe(true);
    expect(await member.getByRole('button', { name: 'Delete express order' }).isDisabled()).toBe(true);
    await member.getByRole('link', { name: 'View express order' }).waitFor();
    await member.screenshot({ path: `${SCREENSHOT_DIR}/service-read-only.png`, fullPage: true });
  });

  it('deletes the service, after asking', async () => {
    await page.goto('/ui/services/payments/stubs');
    await page.getByRole('button', { name: 'Delete payments' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No services yet').waitFor();
    expect(new URL(page.url()).pathname).toBe('/ui/services');
    expect((await callMock('/orders/42')).status).toBe(404);
  });

  async function sessionCookie(): Promise<string> {
    const cookies = await page.context().cookies(server.url);
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }
});
