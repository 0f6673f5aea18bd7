import type { Page } from 'playwright-core';
import { fillCode } from './mantine.js';

/** A live counter of the bridge page: in, out, dropped, dead, deadLetters, inFlight. */
export function bridgeCount(page: Page, name: string): Promise<string> {
  return page.getByTestId(`bridge-count-${name}`).innerText();
}

/** Types the mapper into the bridge form and runs it on `body` with Try; returns the OUT body it made. */
export async function tryMapper(page: Page, code: string, body: unknown): Promise<unknown> {
  await fillCode(page, 'Mapper', code);
  await page.getByLabel('Try body').fill(JSON.stringify(body));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const output = page.getByTestId('try-result').getByTestId('try-output');
  return JSON.parse(await output.innerText()) as unknown;
}

/** Saves the bridge form and waits for the bridge's page to show it running; returns its id. */
export async function createBridgeAndWait(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Create bridge' }).click();
  await page.getByRole('heading', { name }).waitFor();
  const status = page.getByTestId('bridge-status');
  const deadline = Date.now() + 15_000;
  while ((await status.innerText()) !== 'RUNNING') {
    if (Date.now() > deadline) throw new Error(`bridge ${name} is not running: ${await status.innerText()}`);
    await page.waitForTimeout(100);
  }
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}
