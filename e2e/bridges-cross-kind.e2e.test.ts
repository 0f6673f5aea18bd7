import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, serviceAvailable } from '../packages/server/src/testing/services.js';
import { bridgeCount, createBridgeAndWait, tryMapper } from './support/bridge-pages.js';
import { chooseBroker, createQueueMockViaUi, openNav, registerBrokerViaUi } from './support/broker-pages.js';
import { openBrowserSession, type BrowserSession } from './support/browser-session.js';
import { registerViaUi } from './support/page-helpers.js';

const up = (await serviceAvailable('mqtt')) && (await serviceAvailable('rabbitmq'));
// Unique per run: both brokers are shared with other suites and other runs.
const RUN = `understudy-e2e-${randomBytes(4).toString('hex')}`;
const IN_FILTER = `${RUN}/orders/+/created`;
const OUT = `${RUN}.orders.out`;

const RENAME = 'def mapper(body, headers):\n    body["orderId"] = body.pop("id")\n    return body\n';

/** Ends a persistent MQTT session: a clean-start connection with its client id. */
async function endMqttSession(clientId: string): Promise<void> {
  const client = await mqtt.connectAsync(SERVICES.mqtt.url, { clientId, clean: true, protocolVersion: 5 });
  await client.endAsync();
}

// Issue 8's "a bridge from MQTT to RabbitMQ works in the UI", step by step in one browser.
describe.skipIf(!up)('a bridge from an MQTT topic to a RabbitMQ queue in a real browser', () => {
  let session: BrowserSession;
  let page: Page;
  let sensor: MqttClient;
  let outMockId = '';
  let bridgeId = '';

  const eventually = { timeout: 15_000 };
  const count = (name: string) => bridgeCount(page, name);

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    // A device on the MQTT side: its own clean session, publishing at QoS 1 like a sensor would.
    sensor = await mqtt.connectAsync(SERVICES.mqtt.url, {
      clientId: `${RUN}-sensor`,
      protocolVersion: 5,
      clean: true,
      reconnectPeriod: 0,
    });
    await registerViaUi(page, 'ada', 'correct horse battery staple');
  });

  afterEach(({ task }) => session.screenshotIfFailed(task, 'failed-cross-kind'));

  afterAll(async () => {
    if (bridgeId) await session.api('delete', `/internal/bridges/${bridgeId}`).catch(() => undefined);
    if (outMockId)
      await session.api('delete', `/internal/queues/${outMockId}?deleteQueue=true`).catch(() => undefined);
    await sensor?.endAsync();
    await session?.close();
    // A deleted bridge leaves its persistent MQTT session behind (for 7 days); the broker is shared.
    if (bridgeId) await endMqttSession(`understudy-bridge-${bridgeId}`).catch(() => undefined);
  });

  it('registers an MQTT broker and the RabbitMQ broker in the form, both connected', async () => {
    await registerBrokerViaUi(page, { kind: 'MQTT', name: 'mosquitto', url: SERVICES.mqtt.url });
    await registerBrokerViaUi(page, {
      kind: 'RabbitMQ',
      name: 'rabbit',
      url: `amqp://${SERVICES.rabbitmq.host}:${SERVICES.rabbitmq.port}`,
      username: 'guest',
      password: 'guest',
    });
    const kinds = await page.getByTestId('broker-row').allInnerTexts();
    expect(kinds.find((row) => row.includes('mosquitto'))).toContain('MQTT');
    expect(kinds.find((row) => row.includes('rabbit'))).toContain('RabbitMQ');
  });

  it('creates a queue mock on the RabbitMQ OUT queue', async () => {
    outMockId = await createQueueMockViaUi(page, 'rabbit', OUT);
    await page.getByText('No messages yet').waitFor();
  });

  it('creates the bridge from the MQTT topic filter to the RabbitMQ queue, with a mapper', async () => {
    await openNav(page, 'Bridges');
    await page.getByRole('link', { name: 'Create your first bridge' }).click();
    await page.getByLabel(/^Name/).fill('sensor orders');
    await chooseBroker(page, 'IN broker', 'mosquitto');
    await page.getByRole('combobox', { name: /^IN topic filter/ }).fill(IN_FILTER);
    await chooseBroker(page, 'OUT broker', 'rabbit');
    await page.getByRole('combobox', { name: /^OUT queue/ }).fill(OUT);
    expect(await tryMapper(page, RENAME, { id: 's-0', qty: 1 })).toEqual({ qty: 1, orderId: 's-0' });
    await session.screenshot('bridge-cross-kind-editor');
    bridgeId = await createBridgeAndWait(page, 'sensor orders');
    expect(await page.getByTestId('bridge-in').first().innerText()).toBe(`mosquitto / ${IN_FILTER}`);
    expect(await page.getByTestId('bridge-out').first().innerText()).toBe(`rabbit / ${OUT}`);
  });

  it('maps what a real MQTT client publishes, live on the bridge page and in the OUT queue mock', async () => {
    for (const [region, id] of [
      ['eu', 's-1'],
      ['us', 's-2'],
    ]) {
      await sensor.publishAsync(`${RUN}/orders/${region}/created`, JSON.stringify({ id, qty: 2 }), {
        qos: 1,
      });
    }
    await expect.poll(() => count('in'), eventually).toBe('2');
    await expect.poll(() => count('out'), eventually).toBe('2');
    expect(await count('deadLetters')).toBe('0');
    await expect.poll(() => page.getByTestId('hop-row').count(), eventually).toBe(2);
    expect(await page.getByTestId('hop-output').first().innerText()).toContain('"orderId":"s-2"');
    await session.screenshot('bridge-cross-kind-page');

    await page.goto(`/ui/queues/${outMockId}`);
    const rows = page.getByTestId('message-row');
    await expect.poll(() => rows.count(), eventually).toBe(2);
    const texts = await rows.allInnerTexts();
    expect(texts.some((t) => t.includes('"orderId":"s-1"') && t.includes('"qty":2'))).toBe(true);
    expect(texts.some((t) => t.includes('"orderId":"s-2"'))).toBe(true);
    expect(texts.join('\n')).not.toContain('"id":');
    await session.screenshot('bridge-cross-kind-out-queue');
  });
});
