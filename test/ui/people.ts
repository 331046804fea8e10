// What a person does in the workbench beyond the basics in workbench.ts: answer quick
// inputs, click tree rows, read a results panel, open a file. Used by walkthrough.ui.test.ts.
import type { Frame, Locator, Page } from 'playwright-core';
import type { Workbench } from './workbench';

const extensionId = 'audit-lens.audit-lens';

/** The quick input (palette, quick pick, input box) while it shows `title`. */
export class QuickInput {
  constructor(private readonly page: Page) {}

  get widget(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get box(): Locator {
    return this.widget.locator('.quick-input-box input');
  }

  /** The message line under an input box (validation errors, prompts). */
  get message(): Locator {
    return this.widget.locator('.quick-input-message');
  }

  rows(hasText?: string | RegExp): Locator {
    const rows = this.widget.locator('.quick-input-list .monaco-list-row');
    return hasText === undefined ? rows : rows.filter({ hasText });
  }

  /** Waits until the quick input shows a step whose title contains `title`. */
  async step(title: string | RegExp): Promise<void> {
    await this.widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
  }

  /** Types to filter a quick pick, then picks the focused row once it shows `label`. */
  async pick(filter: string, label: string | RegExp = filter): Promise<void> {
    await this.box.fill(filter);
    await this.widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
  }

  /** Replaces what the box holds by typing, key by key, as a person would. */
  async type(text: string): Promise<void> {
    await this.box.fill('');
    await this.box.focus();
    await this.page.keyboard.type(text, { delay: 15 });
  }

  async hidden(): Promise<void> {
    await this.widget.waitFor({ state: 'hidden' });
  }
}

/** A row of the Audit Lens tree (or any side bar tree) by its text. */
export function treeRow(page: Page, text: string | RegExp): Locator {
  return page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
}

/** The results panel whose query box holds `query`, once the webview is up. */
export async function resultsPanel(page: Page, query: string | RegExp, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const parent = frame.parentFrame();
      if (!parent || !parent.url().includes(`extensionId=${extensionId}`)) continue;
      const input = frame.locator('.query-input');
      if (await input.count().catch(() => 0) === 0) continue;
      const value = await input.inputValue().catch(() => '');
      if (typeof query === 'string' ? value === query : query.test(value)) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no results panel with the query ${String(query)} appeared within ${timeoutMs / 1000} s`);
}

/**
 * Waits until a results panel has finished fetching and shows its rows (the table renders
 * a moment after the status line), then returns how many events it loaded.
 */
export async function settledRows(frame: Frame, timeoutMs = 30_000): Promise<number> {
  const count = frame.locator('.status-line .status-count');
  await count.waitFor({ state: 'visible', timeout: timeoutMs });
  await frame.locator('.status-line .codicon-loading').waitFor({ state: 'detached', timeout: timeoutMs });
  const loaded = Number(/^([\d,]+)/.exec(await count.innerText())?.[1]?.replace(/,/g, '') ?? 'NaN');
  if (Number.isNaN(loaded)) throw new Error(`unexpected status line: ${await count.innerText()}`);
  if (loaded > 0) await frame.locator('.table-body [role="row"]').first().waitFor({ state: 'visible', timeout: timeoutMs });
  return loaded;
}

/** The vendors of the rows the grid renders (virtualized: the visible ones). */
export async function vendorsShown(frame: Frame): Promise<Set<string>> {
  return new Set(await frame.locator('.table-body [role="row"] .vendor').allInnerTexts());
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a person would. */
export async function quickOpen(workbench: Workbench, fileName: string): Promise<void> {
  const input = new QuickInput(workbench.page);
  await workbench.page.keyboard.press('ControlOrMeta+P');
  await input.box.waitFor({ state: 'visible' });
  await input.box.fill(fileName);
  await input.widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: fileName }).waitFor({ state: 'visible' });
  await workbench.page.keyboard.press('Enter');
  await workbench.page.locator(`.tabs-container .tab.active[aria-label^="${fileName}"]`).waitFor({ state: 'visible' });
}

/**
 * The messages in the notification center, opened from the status bar's bell as a person
 * would and left open for a screenshot. (This workbench build lists notifications in the
 * center but shows no toasts while driven headless.)
 */
export async function openNotifications(page: Page, hasText: string | RegExp): Promise<Locator> {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) await page.locator('.part.statusbar [id="status.notifications"]').click();
  const item = center.locator('.notification-list-item', { hasText }).first();
  await item.waitFor({ state: 'visible' });
  // With several notifications the center collapses them to one line; open this one.
  const expand = item.locator('.codicon-notifications-expand');
  if (await expand.isVisible()) await expand.click();
  return item.locator('.notification-list-item-message');
}

export async function closeNotifications(page: Page): Promise<void> {
  const center = page.locator('.notifications-center');
  await center.locator('.codicon-notifications-clear-all').click();
  if (await center.isVisible()) await page.keyboard.press('Escape');
  await center.waitFor({ state: 'hidden' });
}

/** Moves the mouse out of the way so no hover or tooltip covers a screenshot. */
export async function parkMouse(page: Page): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.mouse.move(size.width / 2, size.height - 2);
}
