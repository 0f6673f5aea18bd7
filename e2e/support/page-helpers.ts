import type { Locator, Page } from 'playwright-core';

/** The password input; a prefix match, since required labels end in " *" and the eye button says "password". */
export const passwordInput = (page: Page) => page.getByLabel(/^Password/);

/** Fills the sign-in or register form; both label their fields Username and Password. */
export async function fillCredentials(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/^Username/).fill(username);
  await passwordInput(page).fill(password);
}

/** Waits for the signed-in layout: the main navigation and the header's Sign out button. */
export async function waitForAppShell(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** The visible names of the main navigation's links, in order. */
export function navLabels(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allInnerTexts();
}

const POLL_MS = 100;

/**
 * The error message shown under a form field, found the way a screen reader finds it: through the
 * input's aria-describedby. Waits (up to `timeoutMs`) for the error to appear.
 */
export async function fieldError(input: Locator, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(/\s+/).find((id) => id.endsWith('-error'));
    if (errorId) return input.page().locator(`[id="${errorId}"]`).innerText();
    await input.page().waitForTimeout(POLL_MS);
  }
  throw new Error(`No error message appeared under the field within ${timeoutMs} ms`);
}

/** Registers through the UI from a signed-out page and waits for the signed-in layout. */
export async function registerViaUi(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/ui/register');
  await fillCredentials(page, username, password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await waitForAppShell(page);
}
