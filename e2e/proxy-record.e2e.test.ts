import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { chooseSegment } from './support/mantine.js';
import { registerViaUi } from './support/page-helpers.js';
import { startServer, type RunningServer } from './support/server.js';
import { startRealUpstream, type RealUpstream, type UpstreamHandler } from './support/upstream.js';

const PASSWORD = 'correct horse battery staple';
const SCREENSHOT_DIR = 'test-results';

/** A small real service: JSON by query, a JSON POST, text, and a 404 for anything else. */
const weather: UpstreamHandler = (req, body, res) => {
  const url = new URL(req.url ?? '/', 'http://upstream');
  if (req.method === 'GET' && url.pathname === '/forecast') {
    const city = url.searchParams.get('city') ?? 'nowhere';
    res.writeHead(200, { 'content-type': 'application/json', 'x-source': 'met' });
    res.end(JSON.stringify({ city, tempC: city.length * 3, sky: 'clear' }));
  } else if (req.method === 'POST' && url.pathname === '/alerts') {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'alert-1', subscribed: JSON.parse(body) as unknown }));
  } else if (url.pathname === '/status') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('all systems go');
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`no ${url.pathname}`);
  }
};

interface Call {
  path: string;
  init?: RequestInit;
}
interface Answer {
  status: number;
  type: string | null;
  body: string;
}

const CALLS: Call[] = [
  { path: '/forecast?city=Oslo' },
  {
    path: '/alerts',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"city":"Oslo"}' },
  },
  { path: '/status' },
];

// One newcomer, one service, each step building on the one before (issue 5, "Done means").
describe('proxy, record, replay without the upstream, and back, all from the UI', () => {
  let server: RunningServer;
  let upstream: RealUpstream;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const real: Answer[] = [];
  let callsMade = 0;

  /** A client under test calling the service through Understudy. */
  async function call({ path, init }: Call): Promise<Answer> {
    callsMade++;
    const res = await fetch(`${server.url}/proxy/weather${path}`, init);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  }
  const screenshot = (name: string) =>
    page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  const modeBadge = () => page.getByTestId('mode-badge').innerText();

  beforeAll(async () => {
    upstream = await startRealUpstream(weather);
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await registerViaUi(page, 'ada', PASSWORD);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await upstream?.stop();
  });

  it('creates a service in proxy mode pointed at the real upstream', async () => {
    await page.getByRole('link', { name: 'Services' }).click();
    await page.getByRole('button', { name: 'Create your first service' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service' });
    await dialog.getByLabel(/^Name/).fill('weather');
    await chooseSegment(dialog, 'Proxy');
    await dialog.getByLabel(/^Upstream/).fill(upstream.url);
    await dialog.getByRole('button', { name: 'Create service' }).click();

    await page.getByRole('heading', { name: 'weather', exact: true }).waitFor();
    expect(await modeBadge()).toMatch(/proxy/i);
    expect(await page.getByLabel('Call it').inputValue()).toBe(`curl -i ${server.url}/proxy/weather/`);
  });

  it('gets the real answers through /proxy/weather/…', async () => {
    for (const c of CALLS) real.push(await call(c));
    expect(real.map((a) => a.status)).toEqual([200, 201, 200]);
    expect(JSON.parse(real[0]?.body ?? '')).toEqual({ city: 'Oslo', tempC: 12, sky: 'clear' });
    expect(JSON.parse(real[1]?.body ?? '')).toEqual({ id: 'alert-1', subscribed: { city: 'Oslo' } });
    expect(real[2]).toEqual({ status: 200, type: 'text/plain; charset=utf-8', body: 'all systems go' });
    expect(upstream.hits).toBe(3);

    // Not recording yet: nothing to review.
    await page.getByRole('tab', { name: /^Recorded/ }).click();
    await page.getByText('No recordings yet').waitFor();
  });

  it('records the calls made while recording is on, as disabled stubs to review', async () => {
    await page.getByRole('button', { name: 'Start recording' }).click();
    await page.getByTestId('recording-badge').waitFor();
    await page.getByText('Recording: no calls yet').waitFor();

    for (const [i, c] of CALLS.entries()) expect(await call(c)).toEqual(real[i]);
    expect((await call({ path: '/forecast?city=Bergen' })).status).toBe(200); // one to discard

    const rows = page.getByTestId('recorded-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    await page.getByRole('tab', { name: 'Recorded 4 to review' }).waitFor();
    const oslo = rows.filter({ hasText: 'GET /forecast?city=Oslo' });
    expect(await oslo.getByTestId('recorded-response-preview').innerText()).toBe(
      '{"city":"Oslo","tempC":12,"sky":"clear"}',
    );
    const alerts = rows.filter({ hasText: 'POST /alerts' });
    await alerts.getByText('body {"city":"Oslo"}').waitFor();
    await alerts.getByText('201', { exact: true }).waitFor();
    await alerts.getByRole('button', { name: /^Details of/ }).click();
    await page.getByText('"equalsJson"').waitFor();
    await screenshot('proxy-recorded-review');

    await page.getByRole('button', { name: 'Stop recording' }).click();
    await page.getByRole('button', { name: 'Start recording' }).waitFor();
    // The stubs are there but disabled: the service still forwards everything.
    expect((await call(CALLS[0] as Call)).body).toBe(real[0]?.body);
  });

  it('discards one recording, enables one, edits one before enabling it, and enables the rest', async () => {
    const rows = page.getByTestId('recorded-row');
    await rows
      .filter({ hasText: 'city=Bergen' })
      .getByRole('button', { name: /^Discard/ })
      .click();
    await expect.poll(() => rows.count()).toBe(3);

    await rows
      .filter({ hasText: 'POST /alerts' })
      .getByRole('button', { name: /^Enable/ })
      .click();
    await rows.filter({ hasText: 'POST /alerts' }).getByText('enabled', { exact: true }).waitFor();

    await rows.filter({ hasText: 'GET /status' }).getByRole('link', { name: /^Edit/ }).click();
    await page.getByRole('heading', { name: 'Edit stub' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('status, reviewed');
    await page.getByRole('switch', { name: 'Enabled' }).click({ force: true });
    await page.getByRole('button', { name: 'Save stub' }).click();
    await page.waitForURL('**/services/weather/recorded');
    await rows.filter({ hasText: 'GET /status' }).getByText('enabled', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Enable all (1)' }).click();
    await page.getByText('Every recording is reviewed').waitFor();
    expect(await rows.getByText('enabled', { exact: true }).count()).toBe(3);
    await page.getByRole('tab', { name: 'Stubs (3)' }).waitFor();
    await screenshot('proxy-recorded-enabled');
  });

  it('switches to mock in one click and gives the same answers with the upstream stopped', async () => {
    await chooseSegment(page, 'Mock');
    await expect.poll(modeBadge).toMatch(/mock/i);
    await upstream.stop();
    const hitsBefore = upstream.hits;

    for (const [i, c] of CALLS.entries()) expect(await call(c)).toEqual(real[i]);
    expect((await call({ path: '/forecast?city=Bergen' })).status).toBe(404); // discarded: no stub
    expect(upstream.hits).toBe(hitsBefore);
  });

  it('switches back to proxy and gets real answers again once the upstream is back', async () => {
    await upstream.restart();
    const hitsBefore = upstream.hits;
    await chooseSegment(page, 'Proxy');
    await expect.poll(modeBadge).toMatch(/proxy/i);

    expect(await call({ path: '/forecast?city=Bergen' })).toEqual({
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ city: 'Bergen', tempC: 18, sky: 'clear' }),
    });
    expect(await call(CALLS[0] as Call)).toEqual(real[0]);
    expect(upstream.hits).toBe(hitsBefore + 2);
  });

  it('shows who switched the mode, to what and when', async () => {
    expect(await page.getByTestId('mode-changed').innerText()).toMatch(
      /^Set to proxy by ada, .* History \(3\)$/,
    );
    await page.getByRole('button', { name: 'History (3)' }).click();
    const rows = page.getByRole('table', { name: 'Switch history' }).getByTestId('mode-history-row');
    expect((await rows.allInnerTexts()).map((row) => row.replace(/\s+/g, ' '))).toEqual([
      expect.stringMatching(new RegExp(`ada proxy ${upstream.url}$`, 'i')),
      expect.stringMatching(new RegExp(`ada mock ${upstream.url}$`, 'i')),
      expect.stringMatching(new RegExp(`ada proxy ${upstream.url}$`, 'i')),
    ]);
    await screenshot('proxy-mode-history');
    await page.keyboard.press('Escape');
  });

  it('lists the service with its mode, its calls and its last call', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Services' })
      .click();
    const row = page.getByTestId('service-row').filter({ hasText: 'weather' });
    await row.getByTestId('mode-badge').getByText('proxy').waitFor();
    await expect
      .poll(() => row.getByTestId('service-calls').innerText(), { timeout: 10_000 })
      .toBe(String(callsMade));
    expect(await row.getByTestId('service-last-call').innerText()).toMatch(/now|seconds? ago/);
    await screenshot('proxy-services-list');
  });
});
