import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, serviceAvailable } from '../packages/server/src/testing/services.js';
import { registerBrokerViaUi } from './support/broker-pages.js';
import { launchBrowser } from './support/browser.js';
import { registerViaUi } from './support/page-helpers.js';
import { startServer, type RunningServer } from './support/server.js';

const up = await serviceAvailable('rabbitmq');
const BROKER = `local-${randomBytes(3).toString('hex')}`;

describe.skipIf(!up)('editing a broker in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  /** The broker as the API shows it, read with the page's own session. */
  const brokerOptions = async () =>
    (await (await page.request.get(`/internal/brokers/${BROKER}`)).json()).options as Record<string, number>;

  async function saveOptions(change: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
    await page.getByRole('button', { name: `Edit ${BROKER}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${BROKER}` });
    // isVisible does not wait: first wait for the dialog's form.
    await dialog.getByRole('button', { name: 'Save' }).waitFor();
    if (!(await dialog.getByLabel('Prefetch').isVisible())) {
      await dialog.getByRole('button', { name: '+ Connection options' }).click();
    }
    await change(dialog);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ baseURL: server.url });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await registerViaUi(page, 'ada', 'correct horse battery staple');
    const { host, port } = SERVICES.rabbitmq;
    await registerBrokerViaUi(page, {
      kind: 'RabbitMQ',
      name: BROKER,
      url: `amqp://${host}:${port}`,
      username: 'guest',
      password: 'guest',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets an option, then clearing its field puts it back to its default', async () => {
    await saveOptions((dialog) => dialog.getByLabel('Prefetch').fill('25'));
    await expect.poll(brokerOptions).toEqual({ prefetch: 25 });

    await saveOptions((dialog) => dialog.getByLabel('Prefetch').fill(''));
    await expect.poll(brokerOptions).toEqual({});
    await page.getByRole('button', { name: `Edit ${BROKER}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${BROKER}` });
    // Nothing set: the options stay folded away.
    await dialog.getByRole('button', { name: 'Save' }).waitFor();
    expect(await dialog.getByRole('button', { name: '+ Connection options' }).isVisible()).toBe(true);
  });
});
