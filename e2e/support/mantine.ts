import type { Locator, Page } from 'playwright-core';

/**
 * Clicks an option of a Mantine SegmentedControl. Its radio inputs are visually hidden, so click
 * the label the user sees.
 */
export async function chooseSegment(scope: Page | Locator, label: string): Promise<void> {
  await scope
    .locator('label')
    .filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) })
    .click();
}

/** Picks an option of a Mantine Select, found by the select's accessible name. */
export async function chooseOption(page: Page, select: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: select, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Replaces the text of a CodeMirror editor, as if pasted (no auto-indent, no bracket closing). */
export async function fillCode(page: Page, editorLabel: string, code: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: editorLabel, exact: true });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
