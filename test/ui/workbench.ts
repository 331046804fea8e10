// Helpers for UI tests that drive the real VS Code workbench as a person would.
// A test file calls useWorkbench() once at top level and gets a started workbench per file.
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, Locator, Page } from 'playwright-core';
import { launchVSCode, LaunchOptions, VSCodeSession, waitForWorkbench } from '../vscode/harness/launch';
import { testResultsDir } from '../vscode/harness/paths';

export const screenshotDir = path.join(testResultsDir, 'ui');
const extensionId = 'audit-lens.audit-lens';

export class Workbench {
  private constructor(private readonly session: VSCodeSession) {}

  static async start(options: LaunchOptions = {}): Promise<Workbench> {
    const session = await launchVSCode({
      // Only workbench errors are interesting in UI runs; they help explain a failure.
      onLog: (level, message) => { if (level === 'error') process.stderr.write(`[workbench] ${message}\n`); },
      ...options,
    });
    const workbench = new Workbench(session);
    try {
      await waitForWorkbench(session.page);
      // The chat side bar opens by default; it needs an account and crowds screenshots.
      if (await session.page.locator('.part.auxiliarybar').isVisible()) {
        await workbench.runCommand('View: Hide Secondary Side Bar');
        await session.page.locator('.part.auxiliarybar').waitFor({ state: 'hidden' });
      }
    } catch (err) {
      await session.close();
      throw err;
    }
    return workbench;
  }

  get page(): Page {
    return this.session.page;
  }

  get workspace(): string {
    return this.session.workspace;
  }

  /** Runs a command by its palette title, e.g. "Audit Lens: Show Log". */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row.focused');
    await row.filter({ hasText: title }).waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
  }

  /** The activity bar entry of a view container, by its title. */
  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar .action-item[aria-label^="${title}"], .part.activitybar .action-label[aria-label^="${title}"]`).first();
  }

  /** Opens a view container from the activity bar and returns the side bar part. */
  async openViewContainer(title: string): Promise<Locator> {
    const sideBar = this.page.locator('.part.sidebar');
    const header = sideBar.locator('.composite.title h2', { hasText: title });
    if (!(await header.isVisible())) await this.activityBarItem(title).click();
    await header.waitFor({ state: 'visible' });
    return sideBar;
  }

  /**
   * The inner frame of one of this extension's webviews (panel or view) once `selector`
   * is present in it. Webviews are an outer iframe (index.html?extensionId=…) holding the
   * content frame.
   */
  async webviewFrame(selector = 'body', timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        const parent = frame.parentFrame();
        if (!parent || !parent.url().includes(`extensionId=${extensionId}`)) continue;
        if (await frame.locator(selector).count().catch(() => 0) > 0) return frame;
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error(`no Audit Lens webview containing "${selector}" appeared within ${timeoutMs / 1000} s`);
  }

  /** Texts of the notification toasts currently shown. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /** Saves test-results/ui/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

/**
 * Starts one workbench for the calling test file (mocha before/after hooks), screenshots
 * every failed test as test-results/ui/failed-<title>.png, and returns an accessor.
 */
export function useWorkbench(options: LaunchOptions = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    this.timeout(15 * 60_000); // the first run installs the VS Code server
    workbench = await Workbench.start(options);
  });
  afterEach(async function () {
    if (workbench && this.currentTest?.state === 'failed') {
      const file = await workbench.screenshot(`failed-${this.currentTest.fullTitle()}`);
      process.stderr.write(`screenshot of the failure: ${file}\n`);
    }
  });
  after(async () => {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not start');
    return workbench;
  };
}
