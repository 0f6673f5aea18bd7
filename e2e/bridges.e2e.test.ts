import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Connection } from 'rabbitmq-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, serviceAvailable } from '../packages/server/src/testing/services.js';
import { bridgeCount, createBridgeAndWait, tryMapper } from './support/bridge-pages.js';
import { createQueueMockViaUi, openNav, registerBrokerViaUi } from './support/broker-pages.js';
import { openBrowserSession, type BrowserSession } from './support/browser-session.js';
import { fillCode } from './support/mantine.js';
import { registerViaUi } from './support/page-helpers.js';

const up = await serviceAvailable('rabbitmq');
// Unique per run: the broker is shared with other suites and other runs.
const RUN = `understudy-e2e-${randomBytes(4).toString('hex')}`;
const IN = `${RUN}.orders.in`;
const OUT = `${RUN}.orders.out`;

const RENAME = 'def mapper(body, headers):\n    body["orderId"] = body.pop("id")\n    return body\n';
const STRICT = [
  'def mapper(body, headers):',
  '    if "sku" not in body:',
  '        raise ValueError("order " + str(body["id"]) + " has no sku")',
  '    body["orderId"] = body.pop("id")',
  '    return body',
  '',
].join('\n');

// The "Done means" of issue 7, step by step in one browser: each test builds on the one before.
describe.skipIf(!up)('a bridge from orders.in to orders.out in a real browser', () => {
  let session: BrowserSession;
  let page: Page;
  let amqp: Connection;
  let outMockId = '';

  const screenshot = (name: string) => session.screenshot(name);
  const eventually = { timeout: 15_000 };
  const count = (name: string) => bridgeCount(page, name);

  async function publish(body: unknown): Promise<void> {
    const publisher = amqp.createPublisher({ confirm: true });
    await publisher.send({ routingKey: IN, headers: { 'x-tenant': 'acme' } }, body);
    await publisher.close();
  }

  async function saveMapper(code: string): Promise<void> {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await fillCode(page, 'Mapper', code);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('tab', { name: /Dead letters/ }).waitFor();
  }

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    amqp = new Connection({ url: SERVICES.rabbitmq.url, connectionName: `${RUN}-test-client` });
    amqp.on('error', () => {});
    await registerViaUi(page, 'ada', 'correct horse battery staple');
  });

  afterEach(({ task }) => session.screenshotIfFailed(task, 'failed-bridge'));

  afterAll(async () => {
    if (outMockId)
      await session.api('delete', `/internal/queues/${outMockId}?deleteQueue=true`).catch(() => undefined);
    await amqp?.queueDelete({ queue: IN }).catch(() => undefined);
    await amqp?.close();
    await session?.close();
  });

  it('registers the broker and a queue mock on orders.out, as a newcomer would, in the UI', async () => {
    await registerBrokerViaUi(page, { kind: 'RabbitMQ', name: 'local', url: SERVICES.rabbitmq.url });
    outMockId = await createQueueMockViaUi(page, 'local', OUT);
    await page.getByText('No messages yet').waitFor();
  });

  it('creates the bridge in the form, after trying the mapper on a pasted message', async () => {
    await openNav(page, 'Bridges');
    await page.getByText('No bridges yet').waitFor();
    await page.getByRole('link', { name: 'Create your first bridge' }).click();
    await page.getByLabel(/^Name/).fill('orders');
    await page.getByPlaceholder('orders.in').fill(IN);
    await page.getByPlaceholder('orders.out').fill(OUT);
    expect(await tryMapper(page, RENAME, { id: 'o-1', qty: 2 })).toEqual({ qty: 2, orderId: 'o-1' });
    await screenshot('bridge-editor');
    await createBridgeAndWait(page, 'orders');
  });

  it('maps what another AMQP client publishes to IN, live on the bridge page and in the OUT queue mock', async () => {
    for (const id of ['o-1', 'o-2', 'o-3']) await publish({ id, sku: 'A-1', qty: 1 });
    await expect.poll(() => count('in'), eventually).toBe('3');
    expect(await count('out')).toBe('3');
    await expect.poll(() => page.getByTestId('hop-row').count(), eventually).toBe(3);
    expect(await page.getByTestId('hop-output').first().innerText()).toContain('"orderId":"o-3"');
    await page.waitForTimeout(2500); // a few polls, so the rate chart has a line to draw
    await screenshot('bridge-page');

    await page.goto(`/ui/queues/${outMockId}`);
    const rows = page.getByTestId('message-row');
    await expect.poll(() => rows.count(), eventually).toBe(3);
    expect(await rows.first().innerText()).toContain('"orderId":"o-3"');
    // Renamed, not copied: the IN field is gone from every mapped message.
    expect((await rows.allInnerTexts()).join('\n')).not.toContain('"id":');
    await screenshot('bridge-out-queue');
    await page.goBack();
  });

  it('keeps what a broken mapper fails on as dead letters, with the error and traceback', async () => {
    await saveMapper(STRICT);
    await publish({ id: 'o-4', qty: 1 });
    await publish({ id: 'o-5', qty: 2 });
    await expect.poll(() => count('deadLetters'), { timeout: 20_000 }).toBe('2');
    await page.getByRole('tab', { name: /Dead letters/ }).click();
    await expect.poll(() => page.getByTestId('dead-letter-row').count(), eventually).toBe(2);
    await page.getByTestId('dead-letter-row').last().getByRole('button', { name: 'Inspect' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('dead-letter-error').innerText()).toContain('order o-4 has no sku');
    expect(await dialog.getByTestId('dead-letter-traceback').innerText()).toMatch(/line 3, in mapper/);
    await page.waitForTimeout(300);
    await screenshot('bridge-dead-letter');
  });

  it('edits a dead letter and replays it, then fixes the mapper and replays the rest', async () => {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Dead letter body').fill('{"id": "o-4", "qty": 1, "sku": "B-2"}');
    await dialog.getByRole('button', { name: 'Save and replay' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => count('deadLetters'), eventually).toBe('1');

    await saveMapper(RENAME);
    await page.getByRole('tab', { name: /Dead letters/ }).click();
    await page.getByRole('button', { name: 'Replay all' }).click();
    await expect.poll(() => count('deadLetters'), eventually).toBe('0');
    await expect.poll(() => count('out'), eventually).toBe('5');
    await screenshot('bridge-replayed');

    await page.goto(`/ui/queues/${outMockId}`);
    const rows = page.getByTestId('message-row');
    await expect.poll(() => rows.count(), eventually).toBe(5);
    const texts = await rows.allInnerTexts();
    expect(texts.some((t) => t.includes('"sku":"B-2"') && t.includes('"orderId":"o-4"'))).toBe(true);
    expect(texts.some((t) => t.includes('"orderId":"o-5"'))).toBe(true);

    await openNav(page, 'Bridges');
    const row = page.getByTestId('bridge-row').filter({ hasText: 'orders' });
    await expect.poll(() => row.getByTestId('bridge-row-out').innerText(), eventually).toBe('5');
    expect(await row.getByTestId('bridge-status').innerText()).toBe('RUNNING');
    await screenshot('bridges-list');
  });
});
