import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Connection } from 'rabbitmq-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, serviceAvailable } from '../packages/server/src/testing/services.js';
import { launchBrowser } from './support/browser.js';
import { chooseSegment, fillCode } from './support/mantine.js';
import { fieldError, registerViaUi } from './support/page-helpers.js';
import { startServer, type RunningServer } from './support/server.js';

const up = await serviceAvailable('rabbitmq');
const PASSWORD = 'correct horse battery staple';
const SCREENSHOT_DIR = 'test-results';
// Unique per run: the broker is shared with other suites and other runs.
const QUEUE = `understudy-e2e-${randomBytes(4).toString('hex')}.orders`;

// One server, one newcomer and one queue for the file: each step builds on the one before, as in
// the README's "Done means" of issue 6.
describe.skipIf(!up)('brokers and queue mocks on the real RabbitMQ in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let amqp: Connection;

  const screenshot = (name: string, fullPage = true) =>
    page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage });
  const rows = () => page.getByTestId('message-row');
  const openNav = (name: string) =>
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click();
  // Statuses and counts are polled by the page; give them a few of its intervals.
  const eventually = { timeout: 10_000 };
  /** Waits for Mantine's dialog and drawer transitions before a screenshot. */
  const settle = () => page.waitForTimeout(300);

  async function publishFromTest(body: unknown, headers: Record<string, string> = {}): Promise<void> {
    const publisher = amqp.createPublisher({ confirm: true });
    await publisher.send({ routingKey: QUEUE, headers, correlationId: 'from-test' }, body);
    await publisher.close();
  }

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    amqp = new Connection({ url: SERVICES.rabbitmq.url, connectionName: `${QUEUE}-test-client` });
    amqp.on('error', () => {});
    await registerViaUi(page, 'ada', PASSWORD);
  });

  // A failed step leaves a picture of the page behind, to see why.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail')
      await screenshot(`failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    // The queue normally goes with the queue mock (the last test); this covers a failed run.
    await amqp?.queueDelete({ queue: QUEUE }).catch(() => undefined);
    await amqp?.close();
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('registers the local RabbitMQ and shows it connected, without its credentials', async () => {
    await openNav('Brokers');
    await page.getByText('No brokers yet').waitFor();
    await page.getByRole('button', { name: 'Register your first broker' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a broker' });
    await dialog.getByLabel(/^Name/).fill('local');
    await dialog.getByLabel(/^URL/).fill('amqp://127.0.0.1:5672');
    await dialog.getByLabel('Username').fill('guest');
    await dialog.getByLabel(/^Password/).fill('guest');
    await settle();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/broker-register.png` });
    await dialog.getByRole('button', { name: 'Register broker' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByTestId('broker-row').filter({ hasText: 'local' });
    await expect.poll(() => row.getByTestId('broker-status').innerText(), eventually).toBe('CONNECTED');
    expect(await row.innerText()).toContain('amqp://127.0.0.1:5672');
    expect(await page.locator('main').innerText()).not.toContain('guest');
  });

  it('shows a broker with wrong credentials as failed, with the broker reason', async () => {
    await page.getByRole('button', { name: 'Register broker' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a broker' });
    await chooseSegment(dialog, 'MQTT');
    expect(await dialog.getByLabel(/^URL/).getAttribute('placeholder')).toBe('mqtt://127.0.0.1:1883');
    await chooseSegment(dialog, 'RabbitMQ');
    await dialog.getByLabel(/^Name/).fill('Wrong Password');
    await dialog.getByLabel(/^URL/).fill('amqp://guest:not-the-password@127.0.0.1:5672');
    await dialog.getByRole('button', { name: 'Register broker' }).click();
    expect(await fieldError(dialog.getByLabel(/^Name/))).toMatch(/^Use lower-case letters/);
    await dialog.getByLabel(/^Name/).fill('wrong-password');
    await dialog.getByRole('button', { name: 'Register broker' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByTestId('broker-row').filter({ hasText: 'wrong-password' });
    await expect
      .poll(() => row.getByTestId('broker-status').innerText(), eventually)
      .toMatch(/FAILED|RECONNECTING/);
    await row.getByText(/ACCESS_REFUSED/).waitFor();
    expect(await row.innerText()).not.toContain('not-the-password');
    await screenshot('brokers');

    await row.getByRole('button', { name: 'Delete wrong-password' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('broker-row').count()).toBe(1);
  });

  it('creates a queue mock on the broker and opens it', async () => {
    await openNav('Queues');
    await page.getByText('No queue mocks yet').waitFor();
    await page.getByRole('button', { name: 'Create your first queue mock' }).click();
    const dialog = page.getByRole('dialog', { name: 'New queue mock' });
    await dialog.getByRole('textbox', { name: /^Queue/ }).fill(QUEUE);
    await chooseSegment(dialog, 'Quorum');
    await dialog.getByLabel('Keep at most (messages)').fill('5000');
    await settle();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-create.png` });
    await dialog.getByRole('button', { name: 'Create queue mock' }).click();

    await page.getByRole('heading', { name: QUEUE }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/ui\/queues\/[A-Za-z0-9-]+$/);
    await expect.poll(() => page.getByTestId('queue-status').innerText(), eventually).toBe('CONNECTED');
    await page.getByText(/quorum, durable/).waitFor();
    await page.getByText('No messages yet').waitFor();
    await expect.poll(() => page.getByTestId('messages-status').innerText()).toMatch(/live/i);
  });

  it('shows a message published by another AMQP client live, without a reload', async () => {
    await page.evaluate('window.__sameDocument = true');
    await publishFromTest(
      { orderId: 7, type: 'express', items: [{ sku: 'A-1', qty: 2 }] },
      { 'x-tenant': 'acme' },
    );

    const row = rows().filter({ hasText: '"orderId":7' });
    await row.waitFor();
    expect(await row.innerText()).toContain(QUEUE);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await expect.poll(() => page.getByTestId('queue-total').innerText(), eventually).toBe('1');
  });

  it('opens the message with its body pretty-printed, headers and properties, and copies it', async () => {
    await rows().first().click();
    const detail = page.getByTestId('message-detail');
    const body = await detail.getByLabel('Message body', { exact: true }).innerText();
    expect(body).toContain('"orderId": 7');
    expect(body.split('\n').length).toBeGreaterThan(5);
    await detail.getByRole('table', { name: 'Message headers' }).getByText('acme').waitFor();
    await detail.getByRole('table', { name: 'Message properties' }).getByText('from-test').waitFor();
    const copy = detail.getByRole('button', { name: 'Copy the message body' });
    await copy.click();
    await expect.poll(() => copy.innerText()).toBe('Copied');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(body);
    await settle();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-message.png` });
  });

  it('re-publishes the message, which arrives again as a new message', async () => {
    await page.getByTestId('message-detail').getByRole('button', { name: 'Re-publish' }).click();
    await page.getByText(/^Re-published #1/).waitFor();
    await expect.poll(() => rows().filter({ hasText: '"orderId":7' }).count()).toBe(2);
    await page.keyboard.press('Escape');
    await page.getByTestId('message-detail').waitFor({ state: 'detached' });
  });

  it('publishes from the form, shows the confirmation, and the queue mock reads it', async () => {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish a message' });
    await dialog.getByLabel('Body', { exact: true }).fill('{"orderId": 8, "type": "standard"}');
    await dialog.getByLabel('Header 1 name').fill('x-tenant');
    await dialog.getByLabel('Header 1 value').fill('globex');
    await dialog.getByRole('button', { name: /Properties/ }).click();
    await dialog.getByLabel('Correlation id').fill('from-ui');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await dialog
      .getByTestId('publish-confirmation')
      .getByText('Published: the broker confirmed it')
      .waitFor();
    await settle();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-publish.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();

    const row = rows().filter({ hasText: '"orderId":8' });
    await row.waitFor();
    await row.click();
    const detail = page.getByTestId('message-detail');
    await detail.getByRole('table', { name: 'Message headers' }).getByText('globex').waitFor();
    await detail.getByRole('table', { name: 'Message properties' }).getByText('from-ui').waitFor();
    await page.keyboard.press('Escape');
    await screenshot('queue-live');
  });

  it('filters by body text and by header, and shows a text body as text', async () => {
    await publishFromTest(Buffer.from('plain words, not JSON'));
    await rows().filter({ hasText: 'plain words' }).waitFor();
    expect(await rows().count()).toBe(4);

    await page.getByLabel('Body contains').fill('standard');
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByLabel('Body contains').fill('');
    await expect.poll(() => rows().count()).toBe(4);

    const headers = page.getByRole('combobox', { name: 'Header filters' });
    await headers.fill('x-tenant:acme');
    await headers.press('Enter');
    await expect.poll(() => rows().count()).toBe(2);
    await screenshot('queue-filtered');
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => rows().count()).toBe(4);

    // From an hour ahead, in the browser's own time zone: nothing yet.
    const later = await page.evaluate(() => {
      const d = new Date(Date.now() + 3_600_000 - new Date().getTimezoneOffset() * 60_000);
      return d.toISOString().slice(0, 16);
    });
    await page.getByRole('button', { name: 'Time range' }).click();
    await page.getByLabel('Received from').fill(later);
    await page.getByText('No messages yet that match the filters').waitFor();
    await page.getByRole('button', { name: 'Any time' }).click();
    await expect.poll(() => rows().count()).toBe(4);
    await page.keyboard.press('Escape');
  });

  it('answers RPC calls once auto-reply is turned on in the settings', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: `Settings of ${QUEUE}` });
    await dialog.getByRole('switch', { name: /Answer requests/ }).click({ force: true });
    await dialog.getByLabel('Reply body', { exact: true }).fill('{"status": "accepted"}');
    await settle();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-settings.png` });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('auto-reply on').waitFor();

    const rpc = amqp.createRPCClient({ confirm: true, timeout: 10_000 });
    const answer = await rpc.send(QUEUE, { orderId: 9 });
    await rpc.close();
    expect(answer.body).toEqual({ status: 'accepted' });

    const row = rows().filter({ hasText: '"orderId":9' });
    await row.getByText('replied').waitFor();
  });

  it('answers RPC calls with a Python handler, after pointing at the line of a syntax error', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: `Settings of ${QUEUE}` });
    await chooseSegment(dialog, 'Python handler');
    await fillCode(
      page,
      'Reply handler',
      'def handler(body, headers):\n    return {"total": body["qty"] * 2',
    );
    await dialog.getByRole('button', { name: 'Save' }).click();
    const editor = dialog.getByRole('textbox', { name: 'Reply handler', exact: true });
    expect(await fieldError(editor)).toMatch(/^line 2, column \d+/);
    await dialog.locator('.cm-error-line').waitFor();

    await fillCode(
      page,
      'Reply handler',
      'def handler(body, headers):\n    print("qty", body["qty"])\n    return {"total": body["qty"] * 2}',
    );
    // The error was about the code as it was sent: once the code changes, it goes.
    await expect.poll(() => dialog.locator('.cm-error-line').count()).toBe(0);
    await settle();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-settings-python.png` });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const rpc = amqp.createRPCClient({ confirm: true, timeout: 15_000 });
    const answer = await rpc.send(QUEUE, { qty: 21 });
    await rpc.close();
    expect(answer.body).toEqual({ total: 42 });

    const row = rows().filter({ hasText: '"qty":21' });
    await row.getByText('replied').waitFor();
    await row.click();
    const detail = page.getByTestId('message-detail');
    expect(JSON.parse(await detail.getByLabel('Reply body', { exact: true }).innerText())).toEqual({
      total: 42,
    });
    expect(await detail.getByLabel('Handler stdout').innerText()).toBe('qty 21\n');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  });

  it('pages back through older messages with the cursor', async () => {
    const publisher = amqp.createPublisher({ confirm: true });
    for (let i = 0; i < 55; i++) await publisher.send({ routingKey: QUEUE }, { bulk: i });
    await publisher.close();
    await rows().filter({ hasText: '"bulk":54' }).waitFor();
    await page.reload();
    await rows().first().waitFor();
    expect(await rows().count()).toBe(50); // one page
    await page.getByRole('button', { name: 'Load older messages' }).click();
    await expect.poll(() => rows().count()).toBe(61);
    await rows().filter({ hasText: '"orderId":7' }).first().waitFor(); // the very first message
    expect(await page.getByRole('button', { name: 'Load older messages' }).count()).toBe(0);
  });

  it('lists the queue mock with its message count and last message', async () => {
    await openNav('Queues');
    const row = page.getByTestId('queue-mock-row').filter({ hasText: QUEUE });
    await expect.poll(() => row.getByTestId('queue-mock-count').innerText(), eventually).toBe('61');
    await row.getByText('auto-reply').waitFor();
    await expect.poll(() => row.getByTestId('queue-mock-status').innerText(), eventually).toBe('CONNECTED');
    await screenshot('queues');
  });

  it('refuses to delete a broker that queue mocks still use, with the server message', async () => {
    await openNav('Brokers');
    await page.getByRole('button', { name: 'Delete local' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText(/still used by 1 queue mock/).waitFor();
    expect(await page.getByTestId('broker-row').count()).toBe(1);
  });

  it('deletes the queue mock and its queue on the broker, then the broker', async () => {
    await openNav('Queues');
    await page.getByRole('link', { name: QUEUE }).click();
    await page.getByRole('button', { name: `Delete ${QUEUE}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete the queue mock ${QUEUE}?` });
    await dialog.getByLabel(`Also delete the queue ${QUEUE} on local`).check();
    await dialog.getByRole('button', { name: 'Delete' }).click();

    await page.getByText('No queue mocks yet').waitFor();
    expect(new URL(page.url()).pathname).toBe('/ui/queues');
    await expect(amqp.queueDeclare({ queue: QUEUE, passive: true })).rejects.toThrow(/NOT_FOUND/);

    await openNav('Brokers');
    await page.getByRole('button', { name: 'Delete local' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No brokers yet').waitFor();
  });
});
