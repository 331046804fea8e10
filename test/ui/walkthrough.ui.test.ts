// The newcomer's path through Audit Lens (issue 4, "Done when"), driven with keyboard and
// mouse in the real workbench. Each step leaves a numbered screenshot in test-results/ui/
// (walkthrough-NN-*.png) for a reviewer. The steps build on each other and run in order.
// AUDIT_LENS_DOCS_SCREENSHOTS=1 npm run test:ui also refreshes the README's pictures in
// media/screenshots/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { EMULATOR_CREDENTIALS } from '../../src/emulator/credentials';
import { Dataset } from '../../src/emulator/dataset';
import type { Emulator } from '../../src/emulator/server';
import { startEmulator } from '../../src/emulator/start';
import { closeNotifications, openNotifications, parkMouse, QuickInput, quickOpen, resultsPanel, settledRows, treeRow, vendorsShown } from './people';
import { repoRoot } from '../vscode/harness/paths';
import { useWorkbench } from './workbench';

const DEMO_CONNECTIONS = ['Demo Perfecto', 'Demo Avaya AXP', 'Demo Descope', 'Demo Surfsight', 'Demo Zluri'];
/** The demo emulator's data is seeded: its shared trace ids are the same in this process. */
const sharedTrace = [...new Dataset().sharedTraces].sort((a, b) => b.timeMs - a.timeMs)[0]!.traceId;

describe('newcomer walkthrough', function () {
  this.timeout(90_000);
  const workbench = useWorkbench({ viewport: { width: 1280, height: 800 } });
  let emulator: Emulator;

  before(async () => {
    // A second emulator, started here, plays a vendor's real API for "Add Connection".
    emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await emulator?.close();
  });

  const page = () => workbench().page;
  const quickInput = () => new QuickInput(page());
  const shot = async (name: string, docsName?: string) => {
    const file = await workbench().screenshot(`walkthrough-${name}`);
    assert.ok(fs.statSync(file).size > 10_000, `screenshot ${file} looks empty`);
    if (docsName && process.env.AUDIT_LENS_DOCS_SCREENSHOTS) {
      const docs = path.join(repoRoot, 'media', 'screenshots');
      fs.mkdirSync(docs, { recursive: true });
      fs.copyFileSync(file, path.join(docs, `${docsName}.png`));
    }
  };
  const closeEditors = async () => {
    await workbench().runCommand('View: Close All Editors');
    await page().locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });
  };

  it('1. runs the demo from the welcome view and finds its connections and saved searches', async () => {
    const sideBar = await workbench().openViewContainer('Audit Lens');
    await sideBar.getByRole('button', { name: 'Try the Demo' }).click();
    for (const label of DEMO_CONNECTIONS) await treeRow(page(), label).waitFor({ state: 'visible', timeout: 30_000 });
    await treeRow(page(), 'Failures this week, all vendors').waitFor({ state: 'visible' });
    await treeRow(page(), 'One trace across vendors').waitFor({ state: 'visible' });
    // Demo connections say where they point: the embedded emulator.
    assert.match(await treeRow(page(), 'Demo Zluri').innerText(), /zluri · demo emulator/);
    await parkMouse(page());
    await shot('01-demo-tree');
    // The demo says what it did and what to try next.
    const told = await openNotifications(page(), 'demo is running');
    assert.match(await told.innerText(), /5 demo connections/);
    await shot('01b-demo-notification');
    await closeNotifications(page());
  });

  it('2. runs a saved search with one click and sees rows in the results panel', async () => {
    await treeRow(page(), 'Failures this week, all vendors').click();
    const panel = await resultsPanel(page(), 'status:failure since:7d');
    const rows = await settledRows(panel);
    assert.ok(rows > 0, 'the saved search showed no rows');
    assert.ok((await vendorsShown(panel)).size > 1, 'an all-connections search shows more than one vendor');
    // Every row is a failure: the query's filter reached the vendors or the local filter.
    const statuses = new Set(await panel.locator('.table-body [role="row"] .status').allInnerTexts());
    assert.deepStrictEqual([...statuses].map((s) => s.trim()), ['failure']);
    await parkMouse(page());
    await shot('02-saved-search-results', 'demo-results');
    await closeEditors();

    // The demo's one-vendor search finds the person it names.
    await treeRow(page(), 'Bob\'s Perfecto changes').click();
    const bob = await resultsPanel(page(), /^actor:bob\S* since:30d$/);
    assert.ok(await settledRows(bob) > 0, '"Bob\'s Perfecto changes" showed no rows');
    const actors = new Set(await bob.locator('.table-body [role="row"] .cell-actor').allInnerTexts());
    assert.deepStrictEqual([...actors], ['bob.smith@example.com']);
    await closeEditors();
  });

  it('3. runs a quick search from the palette: pick a connection, see a bad query flagged, run a good one', async () => {
    await workbench().runCommand('Audit Lens: Quick Search');
    const input = quickInput();
    await input.step('Quick Search (1/2)');
    await input.pick('Demo Perfecto');
    await input.step('Quick Search (2/2)');
    await input.type('status:failure since:yesterday');
    const flagged = input.rows(/since:yesterday/).first();
    await flagged.locator('.codicon-error').waitFor({ state: 'visible' });
    assert.match(await flagged.innerText(), /takes a duration like 15m, 24h or 7d/);
    await shot('03a-quick-search-invalid');
    // Enter on a bad query keeps the picker open: nothing runs.
    await page().keyboard.press('Enter');
    await input.step('Quick Search (2/2)');

    await input.type('status:failure since:14d');
    const valid = input.rows(/status:failure since:14d/).first();
    await valid.locator('.codicon-search').waitFor({ state: 'visible' });
    assert.match(await valid.innerText(), /status=failure/);
    await shot('03b-quick-search-valid', 'quick-search');
    await page().keyboard.press('Enter');
    await input.hidden();

    const panel = await resultsPanel(page(), 'status:failure since:14d');
    assert.ok(await settledRows(panel) > 0, 'the quick search showed no rows');
    assert.deepStrictEqual([...await vendorsShown(panel)], ['perfecto']);
    await parkMouse(page());
    await shot('03c-quick-search-results');
    await closeEditors();
  });

  it('4. selects a trace id in a log file, searches it and sees a merged timeline', async () => {
    const log = [
      '2025-11-20 09:14:02.118 INFO  gateway GET /api/v2/devices 200 41ms',
      `2025-11-20 09:14:02.311 WARN  billing trace_id=${sharedTrace} retrying settlement`,
      '2025-11-20 09:14:03.004 INFO  gateway POST /api/v2/sessions 201 87ms',
      `2025-11-20 09:14:03.522 ERROR billing trace_id=${sharedTrace} settlement failed`,
    ].join('\n');
    fs.writeFileSync(path.join(workbench().workspace, 'billing.log'), `${log}\n`);
    // Written now, so that the workbench has indexed it when the context-menu step opens it.
    fs.writeFileSync(path.join(workbench().workspace, 'incident.txt'), `Checkout failed for order 8841, trace ${sharedTrace} in billing.\n`);
    await quickOpen(workbench(), 'billing.log');
    const editor = page().locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line', { hasText: 'settlement failed' }).waitFor({ state: 'visible' });

    // Select the id the way a person does: double-click it (it is one word, underlined as a link).
    await editor.locator('.view-line', { hasText: 'settlement failed' }).locator('.detected-link').first().dblclick();
    await page().locator('.part.statusbar', { hasText: '(32 selected)' }).waitFor({ state: 'visible' });
    await shot('04a-trace-id-selected');

    await workbench().runCommand('Audit Lens: Search Trace ID');
    const input = quickInput();
    await input.step('Search Trace ID');
    await input.pick('Last 30 days');
    const query = new RegExp(`^trace:${sharedTrace} since:30d$`);
    const panel = await resultsPanel(page(), query);
    assert.ok(await settledRows(panel) >= 2, 'the trace search found fewer than two events');
    const vendors = await vendorsShown(panel);
    assert.ok(vendors.size > 1, `the merged timeline shows one vendor only: ${[...vendors].join(', ')}`);
    const traces = new Set(await panel.locator('.table-body [role="row"] .cell-traceId').allInnerTexts());
    assert.deepStrictEqual([...traces], [sharedTrace]);
    await page().locator('.tabs-container .tab.active', { hasText: `Trace ${sharedTrace.slice(0, 12)}` }).waitFor({ state: 'visible' });
    await parkMouse(page());
    await shot('04b-trace-timeline', 'trace-timeline');
  });

  it('4. also offers the trace search on hover in the log file', async () => {
    await closeEditors();
    await quickOpen(workbench(), 'billing.log');
    const editor = page().locator('.editor-instance .monaco-editor').first();
    // The id is underlined as a link; resting the mouse on it shows the hover.
    const id = editor.locator('.view-line', { hasText: 'retrying settlement' }).locator('.detected-link').first();
    await id.hover();
    const link = page().locator('.monaco-hover a', { hasText: 'Search audit logs for this trace id' }).first();
    await link.waitFor({ state: 'visible', timeout: 15_000 });
    await shot('04c-trace-id-hover');
    await link.click();
    const input = quickInput();
    await input.step('Search Trace ID');
    await input.pick('Last 30 days');
    const panel = await resultsPanel(page(), new RegExp(`^trace:${sharedTrace} since:30d$`));
    assert.ok(await settledRows(panel) >= 2, 'the hover link\'s search found fewer than two events');
    assert.ok((await vendorsShown(panel)).size > 1, 'the hover link did not open the merged timeline');
  });

  it('4. and from the editor\'s context menu: for a selected trace id in any file, anywhere in a log file', async () => {
    const menuItem = page().locator('.monaco-menu .action-item', { hasText: 'Search Trace ID' });
    /** Selects `word` on the editor line holding it (a double-click, as a person does) and right-clicks it. */
    const rightClickWord = async (word: string): Promise<void> => {
      await page().locator('.editor-instance .monaco-editor .view-line', { hasText: word }).first().waitFor({ state: 'visible' });
      // The word's own box, from a DOM range over its text (a line's element is as wide as the editor).
      const box = await page().evaluate(`(() => {
        const target = ${JSON.stringify(word)};
        for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-line')) {
          // The line's text may be split over several spans (tokens, decorations): map offsets to text nodes.
          const nodes = [];
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          let text = '';
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            nodes.push({ node, from: text.length });
            text += node.textContent;
          }
          const at = text.indexOf(target);
          if (at < 0) continue;
          const place = (offset) => {
            const hit = nodes.filter((n) => n.from <= offset).pop();
            return [hit.node, offset - hit.from];
          };
          const range = document.createRange();
          range.setStart(...place(at));
          range.setEnd(...place(at + target.length - 1));
          range.setEnd(range.endContainer, range.endOffset + 1);
          const rect = range.getBoundingClientRect();
          return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }
        return null;
      })()`) as { x: number; y: number } | null;
      assert.ok(box, `"${word}" is not on screen`);
      await page().mouse.dblclick(box.x, box.y);
      await page().locator('.part.statusbar', { hasText: `(${word.length} selected)` }).waitFor({ state: 'visible' });
      await page().mouse.click(box.x, box.y, { button: 'right' });
      await page().locator('.monaco-menu .action-item').first().waitFor({ state: 'visible' });
    };
    /** The extension host hears of a selection a moment after it is made; a menu opened before keeps its old items. */
    const rightClickUntil = async (word: string, offered: boolean): Promise<void> => {
      await rightClickWord(word);
      for (let attempt = 1; ((await menuItem.count()) > 0) !== offered; attempt++) {
        assert.ok(attempt < 20, `the context menu ${offered ? 'never offered' : 'kept offering'} the trace search for "${word}"`);
        await page().keyboard.press('Escape');
        await page().waitForTimeout(250);
        await rightClickWord(word);
      }
    };

    await closeEditors();
    await quickOpen(workbench(), 'billing.log');
    await rightClickWord('gateway');
    assert.ok(await menuItem.count() > 0, 'a log file offers the trace search wherever the menu opens');
    await page().keyboard.press('Escape');

    await closeEditors();
    await quickOpen(workbench(), 'incident.txt');
    await rightClickUntil(sharedTrace, true);
    await shot('04d-trace-id-context-menu');
    await page().keyboard.press('Escape');
    await rightClickUntil('Checkout', false);
    await page().keyboard.press('Escape');
    await rightClickUntil(sharedTrace, true);
    // A menu ignores a click that comes too soon after it opened (the right button's release): click until it closes.
    for (let attempt = 1; await menuItem.first().isVisible(); attempt++) {
      assert.ok(attempt < 10, 'the context menu ignored every click on Search Trace ID');
      await menuItem.first().click();
      await page().waitForTimeout(200);
    }
    const input = quickInput();
    await input.step('Search Trace ID');
    await input.pick('Last 30 days');
    const panel = await resultsPanel(page(), new RegExp(`^trace:${sharedTrace} since:30d$`));
    assert.ok(await settledRows(panel) >= 2, 'the context menu\'s search found fewer than two events');
  });

  it('5. opens the change diff of an event from the keyboard, then in the diff editor', async () => {
    // Room for the table and the detail pane side by side: hide the side bar (Ctrl+B).
    await page().keyboard.press('ControlOrMeta+B');
    await page().locator('.part.sidebar').waitFor({ state: 'hidden' });
    const panel = await resultsPanel(page(), new RegExp(`^trace:${sharedTrace}`));
    await settledRows(panel);
    const grid = panel.locator('[role="grid"]');
    await grid.focus();
    const changes = panel.locator('#detail-changes');
    // Walk down the rows (j) and show each one's changes (d) until one has some.
    let found = false;
    const rows = await panel.locator('.table-body [role="row"]').count();
    for (let i = 0; i < rows && !found; i++) {
      await page().keyboard.press('j');
      await page().keyboard.press('d');
      await changes.waitFor({ state: 'visible' });
      found = !/\(0\)/.test(await changes.innerText());
      if (!found) await grid.focus();
    }
    assert.ok(found, 'no event of the trace has changes to diff');
    await panel.locator('.change-diff .diff-row').first().waitFor({ state: 'visible' });
    const marked = await panel.locator('.change-diff mark').count();
    assert.ok(marked > 0, 'the change diff highlights nothing');
    // "d" brings the diff itself into view, not only its heading.
    await panel.locator('.change-diff .diff-table').first().waitFor({ state: 'visible' });
    assert.ok(await panel.locator('.change-diff mark').first().evaluate((mark) => {
      const box = mark.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= mark.ownerDocument.documentElement.clientHeight;
    }), 'the highlighted change is scrolled out of view');
    await parkMouse(page());
    await shot('05a-change-diff', 'change-diff');

    const field = await panel.locator('.change-diff .diff-field-name').first().innerText();
    await panel.locator('.change-diff .diff-row').first().getByRole('button', { name: /^Open .+ in diff editor$/ }).click();
    const diffEditor = page().locator('.editor-instance .monaco-diff-editor');
    await diffEditor.waitFor({ state: 'visible' });
    await page().locator('.tabs-container .tab.active', { hasText: field }).waitFor({ state: 'visible' });
    await parkMouse(page());
    await shot('05b-diff-editor');
    await closeEditors();
  });

  it('6. adds a connection to a vendor API with a credential and sees it ready in the tree', async () => {
    const label = 'Zluri staging';
    const address = emulator.baseUrl('zluri');
    await workbench().openViewContainer('Audit Lens');
    // The view toolbar's "+" is what a person finds first.
    await page().locator('.part.sidebar .action-label[aria-label="Add Connection"]:visible').first().click();
    const input = quickInput();
    await input.step('Add Connection (1/4)');
    await input.pick('Zluri');
    await input.step('Add Connection (2/4)');
    await input.type('not a host');
    await input.message.filter({ hasText: 'neither a URL nor a host name' }).waitFor({ state: 'visible' });
    await input.type(address);
    await page().keyboard.press('Enter');
    await input.step('Add Connection (3/4)');
    await input.type(label);
    await page().keyboard.press('Enter');
    await input.step(`Zluri API key for ${label}`);
    assert.strictEqual(await input.box.getAttribute('type'), 'password', 'the credential box must hide what is typed');
    await input.type(` ${EMULATOR_CREDENTIALS.zluri.token!} `); // pasted with stray spaces: trimmed
    await shot('06a-add-connection-credential');
    await page().keyboard.press('Enter');
    await input.hidden();

    const row = treeRow(page(), label);
    await row.waitFor({ state: 'visible' });
    assert.match(await row.innerText(), new RegExp(`zluri · 127\\.0\\.0\\.1:${new URL(address).port}`));
    await row.locator('.codicon-pass').waitFor({ state: 'visible' });
    await parkMouse(page());
    await shot('06b-connection-ready', 'connections');
    // The test request's answer, shown before the connection was saved; its progress is gone.
    const answer = await openNotifications(page(), `${label} works`);
    await page().locator('.notifications-center .notification-list-item-message', { hasText: `Testing ${label}` }).waitFor({ state: 'detached' });
    assert.match(await answer.innerText(), /the vendor answered with events/);
    await shot('06c-test-request-answer');
    await closeNotifications(page());
    // The credential never shows anywhere in the workbench.
    assert.ok(!(await page().locator('body').innerText()).includes(EMULATOR_CREDENTIALS.zluri.token!));
  });

  it('7. tests a connection the vendor refuses, then cancels a test that hangs: the connection keeps its error until a test answers', async () => {
    const label = 'Zluri staging';
    const row = treeRow(page(), label);
    const testConnection = async () => {
      await workbench().runCommand('Audit Lens: Test Connection');
      await page().locator('.quick-input-widget input[placeholder="Pick a connection"]').waitFor({ state: 'visible' });
      await quickInput().pick(label);
    };
    emulator.faults.add({ vendor: 'zluri', fault: { kind: 'status', status: 401 }, times: 1 });
    await testConnection();
    await row.locator('.codicon-error').waitFor({ state: 'visible' });

    emulator.faults.add({ vendor: 'zluri', fault: { kind: 'hang' }, times: 1 });
    await testConnection();
    await openNotifications(page(), `Testing ${label}`);
    await page().locator('.notifications-center .notification-list-item', { hasText: `Testing ${label}` }).first().getByRole('button', { name: 'Cancel' }).click();
    const cancelled = await openNotifications(page(), `${label}: test cancelled.`);
    assert.strictEqual(await cancelled.innerText(), `${label}: test cancelled.`);
    await closeNotifications(page());
    assert.ok(await row.locator('.codicon-error').isVisible(), 'a cancelled test says nothing of the connection: the error stays');

    await testConnection();
    await row.locator('.codicon-pass').waitFor({ state: 'visible' });
  });
});
