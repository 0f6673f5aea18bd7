import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { chooseSegment, fillCode } from './support/mantine.js';
import { fieldError, registerViaUi } from './support/page-helpers.js';
import { startServer, type RunningServer } from './support/server.js';

const SCREENSHOT_DIR = 'test-results';

const BROKEN = 'def handler(body, headers):\n    return {"hello": body["name"]\n';
const ECHO = [
  'def handler(body, headers):',
  '    print("greeting", body["name"])',
  '    return 200, {"hello": body["name"]}, {"x-greeted": body["name"]}',
  '',
].join('\n');

// The Python handler flow of issue 4, in the UI: write, run, fix, save, call, read the output.
describe('a Python handler stub in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await registerViaUi(page, 'ada', 'correct horse battery staple');
    // The service itself through the API, with the browser's session (the UI flow is in services.e2e).
    const created = await page.request.post('/internal/services', {
      data: { name: 'greeter' },
      headers: { origin: server.url },
    });
    expect(created.status()).toBe(201);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows a syntax error inline, at its line, when the handler is saved', async () => {
    await page.goto('/ui/services/greeter/stubs/new');
    await page.getByLabel('Name', { exact: true }).fill('greeting');
    await page.getByRole('combobox', { name: 'Method', exact: true }).click();
    await page.getByRole('option', { name: 'GET', exact: true }).click(); // picked already: unpicks it
    await page.getByRole('option', { name: 'POST', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Path', { exact: true }).fill('/greet');
    await chooseSegment(page, 'Python handler');

    await fillCode(page, 'Handler', BROKEN);
    await page.getByRole('button', { name: 'Create stub' }).click();
    const editor = page.getByRole('textbox', { name: 'Handler', exact: true });
    expect(await fieldError(editor)).toMatch(/^line 2, column \d+: .*never closed/);
    expect(await page.locator('.cm-error-line').innerText()).toContain('return {"hello"');
  });

  it('runs the handler on a sample request, with its output and traceback', async () => {
    await fillCode(page, 'Handler', ECHO);
    // The error was about the code as it was: once changed, the mark goes.
    await expect.poll(() => page.locator('.cm-error-line').count()).toBe(0);
    expect(await page.getByText('The stub was not saved').count()).toBe(0);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const result = page.getByTestId('try-result');
    await result.getByText('200', { exact: true }).waitFor();
    expect(JSON.parse(await result.getByTestId('try-body').innerText())).toEqual({ hello: 'Ada' });
    expect(await result.getByTestId('try-headers').innerText()).toContain('x-greeted: Ada');
    expect(await result.getByTestId('try-stdout').innerText()).toBe('greeting Ada\n');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/handler-editor.png`, fullPage: true });

    await page.getByRole('textbox', { name: 'Try body' }).fill('{}');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await result.getByText('The handler failed: exception').waitFor();
    expect(await result.getByTestId('try-traceback').innerText()).toContain("KeyError: 'name'");
  });

  it('saves the handler, answers a call with it, and shows its output in the journal', async () => {
    await page.getByRole('button', { name: 'Create stub' }).click();
    await page.getByRole('row').filter({ hasText: 'greeting' }).getByText('Python handler').waitFor();

    const response = await fetch(`${server.url}/proxy/greeter/greet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Grace' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-greeted')).toBe('Grace');
    expect(await response.json()).toEqual({ hello: 'Grace' });

    await page.getByRole('tab', { name: 'Journal' }).click();
    await page.getByTestId('journal-row').filter({ hasText: '/greet' }).click();
    const entry = page.getByTestId('journal-entry');
    expect(await entry.getByTestId('handler-stdout').innerText()).toBe('greeting Grace\n');
    expect(await entry.getByLabel('Request body').innerText()).toContain('"name": "Grace"');
    await page.waitForTimeout(300); // the drawer's slide-in
    await page.screenshot({ path: `${SCREENSHOT_DIR}/handler-journal.png` });
  });
});
