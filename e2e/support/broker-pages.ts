import type { Page } from 'playwright-core';
import { chooseOption, chooseSegment } from './mantine.js';

/** How the broker form labels each kind (its segmented control). */
export type BrokerKindLabel = 'RabbitMQ' | 'NATS JetStream' | 'MQTT' | 'Redis Streams';

export interface BrokerInput {
  kind: BrokerKindLabel;
  name: string;
  url: string;
  username?: string;
  password?: string;
}

const STATUS_TIMEOUT_MS = 15_000;

/** Follows a link of the main navigation. */
export async function openNav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click();
}

/** Registers a broker in the form of the Brokers page and waits until its row shows it connected. */
export async function registerBrokerViaUi(page: Page, broker: BrokerInput): Promise<void> {
  await openNav(page, 'Brokers');
  // The page header's button, there whether or not brokers exist.
  await page.getByRole('button', { name: 'Register broker', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Register a broker' });
  await chooseSegment(dialog, broker.kind);
  await dialog.getByLabel(/^Name/).fill(broker.name);
  await dialog.getByLabel(/^URL/).fill(broker.url);
  if (broker.username) await dialog.getByLabel('Username').fill(broker.username);
  if (broker.password) await dialog.getByLabel(/^Password/).fill(broker.password);
  await dialog.getByRole('button', { name: 'Register broker' }).click();
  await dialog.waitFor({ state: 'detached' });
  await waitForBrokerConnected(page, broker.name);
}

/** Waits until the broker's row on the Brokers page says CONNECTED. */
export async function waitForBrokerConnected(page: Page, name: string): Promise<void> {
  const status = page
    .getByTestId('broker-row')
    .filter({ has: page.getByText(name, { exact: true }) })
    .getByTestId('broker-status');
  const deadline = Date.now() + STATUS_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    last = await status.innerText().catch(() => '');
    if (last === 'CONNECTED') return;
    await page.waitForTimeout(100);
  }
  throw new Error(`broker ${name} is not connected after ${STATUS_TIMEOUT_MS} ms (status: ${last})`);
}

/**
 * Creates a queue mock in the Queues page's form, on the broker named `broker`, and returns its id once
 * its page is open and it reads.
 */
export async function createQueueMockViaUi(page: Page, broker: string, queue: string): Promise<string> {
  await openNav(page, 'Queues');
  // The page header's button; enabled once the brokers are loaded.
  await page.getByRole('button', { name: 'New queue mock', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New queue mock' });
  await chooseBroker(page, 'Broker', broker);
  await dialog.getByRole('textbox', { name: /^(Queue|Subject|Topic filter|Stream key)/ }).fill(queue);
  await dialog.getByRole('button', { name: 'Create queue mock' }).click();
  await page.getByRole('heading', { name: queue }).waitFor();
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  await page.getByTestId('queue-status').getByText('CONNECTED').waitFor({ timeout: STATUS_TIMEOUT_MS });
  return id;
}

/** Picks the broker named `name` in a broker select (of the queue mock or the bridge form). */
export async function chooseBroker(page: Page, select: string, name: string): Promise<void> {
  await chooseOption(page, select, brokerOption(await optionLabels(page, select), name));
}

/** The options a Mantine Select offers, read by opening and closing it. */
async function optionLabels(page: Page, select: string): Promise<string[]> {
  const box = page.getByRole('combobox', { name: select, exact: true });
  await box.click();
  const labels = await page.getByRole('option').allInnerTexts();
  await box.press('Escape');
  return labels;
}

/** Broker selects label an option "name · Kind" (and a status when not connected); the one for `name`. */
export function brokerOption(labels: readonly string[], name: string): string {
  const label = labels.find((l) => l === name || l.startsWith(`${name} `));
  if (!label) throw new Error(`no broker option for ${name} among ${JSON.stringify(labels)}`);
  return label;
}
