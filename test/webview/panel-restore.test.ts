import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { HostMessage } from '../../src/shared/protocol';
import { eventKey } from '../../src/shared/protocol';
import { DEFAULT_VIEW_STATE } from '../../src/shared/viewState';
import { buildEvent, buildEvents } from './eventBuilder';
import { launch, openPanel, RANGE, runMessages, status } from './harness';

type Panel = Awaited<ReturnType<typeof openPanel>>;
const END = Date.parse(RANGE.to);
const demo = () => buildEvents(900, END - 60_000, 7_000);
const SEARCH: HostMessage = { type: 'search', runId: 1, title: 'Audit: since:2h', search: { query: 'since:2h', scope: 'all' }, range: RANGE, connections: [{ id: 'demo', label: 'Demo', vendor: 'perfecto' }] };
/** The grid counts `rows` (its rows may be scrolled away from the first). */
const counted = (panel: Panel, rows: number) => panel.page.waitForSelector(`[role=grid][aria-rowcount="${rows + 1}"]`, { timeout: 60_000 });
const gridTop = (panel: Panel) => panel.page.$eval('[role=grid]', (grid) => grid.scrollTop);
const selectedRow = (panel: Panel) => panel.page.getAttribute('[role=row][aria-selected=true]', 'aria-rowindex');
/** Whether the selected row is rendered wholly inside the grid, below its sticky header. */
const selectedInView = (panel: Panel) => panel.page.evaluate<boolean>(`(() => {
  const row = document.querySelector('[role=row][aria-selected=true]');
  if (!row) return false;
  const grid = document.querySelector('[role=grid]').getBoundingClientRect();
  const box = row.getBoundingClientRect();
  return box.top >= grid.top + 26 && box.bottom <= grid.bottom;
})()`);

describe('results panel: restoring the view and telling the truth', function () {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('keeps a change made just after a scroll in the saved state: the scroll\'s delayed save takes the view as it is then', async () => {
    const panel = await openPanel(browser, { height: 600 });
    await panel.send(...runMessages(demo()));
    await counted(panel, 900);
    await panel.page.$eval('[role=grid]', (grid) => { grid.scrollTop = 480; });
    await panel.page.click('[role=columnheader] >> text=Actor'); // within the scroll's 300 ms
    await panel.page.waitForTimeout(800);
    const state = await panel.state() as { sort: unknown; scrollTop: number };
    assert.deepEqual(state.sort, { column: 'actor', descending: false });
    assert.equal(state.scrollTop, 480);
    await panel.page.close();
  });

  it('restores the scroll position of a hidden panel once the replay brings the rows it needs', async () => {
    const panel = await openPanel(browser, { height: 600, state: { ...DEFAULT_VIEW_STATE, scrollTop: 1488 } });
    await panel.send(...runMessages(demo()));
    await counted(panel, 900);
    await panel.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { scrollTop: number } } }).document.querySelector('[role=grid]').scrollTop === 1488);
    await panel.page.waitForSelector('[role=row][aria-rowindex="62"]'); // row 60: the first in view at 1488
    assert.equal((await panel.state() as { scrollTop: number }).scrollTop, 1488);
    await panel.page.close();
  });

  it('stops restoring the scroll position once the user scrolls before the rows are all there', async () => {
    const panel = await openPanel(browser, { height: 600, state: { ...DEFAULT_VIEW_STATE, scrollTop: 1488 } });
    const events = demo();
    await panel.send(SEARCH, { type: 'events', runId: 1, connectionId: 'demo', events: events.slice(0, 60) });
    await counted(panel, 60);
    const box = (await panel.page.locator('[role=grid]').boundingBox())!;
    await panel.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await panel.page.mouse.wheel(0, -5_000);
    await panel.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { scrollTop: number } } }).document.querySelector('[role=grid]').scrollTop === 0);
    await panel.send({ type: 'events', runId: 1, connectionId: 'demo', events: events.slice(60) }, { type: 'status', runId: 1, status: status(900) });
    await counted(panel, 900);
    await panel.page.waitForSelector('text=900 of 900 events loaded');
    await panel.page.waitForTimeout(300);
    assert.equal(await gridTop(panel), 0, 'the user\'s own scroll stands');
    await panel.page.close();
  });

  it('stops restoring the scroll position once the user types or clicks anywhere in the panel (a filter, "load more")', async () => {
    const panel = await openPanel(browser, { height: 600, state: { ...DEFAULT_VIEW_STATE, scrollTop: 1488 } });
    const events = demo();
    await panel.send(SEARCH, { type: 'events', runId: 1, connectionId: 'demo', events: events.slice(0, 60) });
    await counted(panel, 60);
    await panel.page.click('.filter-input');
    await panel.page.keyboard.type('zz');
    await panel.page.keyboard.press('Backspace');
    await panel.page.keyboard.press('Backspace');
    await panel.send({ type: 'events', runId: 1, connectionId: 'demo', events: events.slice(60) }, { type: 'status', runId: 1, status: status(900) });
    await counted(panel, 900);
    await panel.page.waitForSelector('text=900 of 900 events loaded');
    await panel.page.waitForTimeout(300);
    assert.ok(await gridTop(panel) < 1488, 'the offset saved before is no longer pursued');
    await panel.page.close();
  });

  it('keeps the filter text with the view: a restored panel filters as before, selection and details too', async () => {
    const panel = await openPanel(browser);
    await panel.send(...runMessages(demo()));
    await counted(panel, 900);
    await panel.page.fill('.filter-input', 'alice');
    await counted(panel, 180);
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('Enter');
    await panel.page.waitForSelector('aside.detail');
    const state = await panel.state() as { filterText?: string; selectedKey: string };
    assert.equal(state.filterText, 'alice');
    assert.equal(state.selectedKey, eventKey('demo', 'e5'));
    await panel.page.close();

    const again = await openPanel(browser, { state });
    await again.send(...runMessages(demo()));
    await counted(again, 180);
    assert.equal(await again.page.inputValue('.filter-input'), 'alice');
    assert.ok(await again.page.isVisible('text=180 shown'));
    assert.equal(await selectedRow(again), '3');
    assert.ok((await again.page.textContent('aside.detail'))!.includes('Event number 5'));
    await again.page.close();
  });

  it('lets go of a selection the filter hides: details close, copying it is refused, keys start from the top', async () => {
    const panel = await openPanel(browser);
    await panel.send(...runMessages(demo()));
    await counted(panel, 900);
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('j'); // e1, bob's
    await panel.page.keyboard.press('Enter');
    await panel.page.waitForSelector('aside.detail');
    await panel.page.fill('.filter-input', 'alice');
    await counted(panel, 180);
    await panel.page.waitForSelector('aside.detail', { state: 'detached' });
    assert.equal(await panel.page.locator('[role=row][aria-selected=true]').count(), 0);
    // Saved in an effect after the render that cleared it.
    await panel.page.waitForFunction(() => (globalThis as unknown as { __state?: { selectedKey: unknown } }).__state?.selectedKey === null);

    await panel.page.getByRole('button', { name: 'Export / copy…' }).click();
    await panel.page.getByRole('menuitem', { name: 'Copy selected row as JSON' }).click();
    await panel.page.waitForSelector('.toast >> text=Select a row first.');
    assert.deepEqual((await panel.posted()).filter((m) => m.type === 'copyRows'), []);

    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    assert.equal(await selectedRow(panel), '2');
    assert.ok((await panel.page.textContent('[role=row][aria-selected=true]'))!.includes('alice@example.com'));
    await panel.page.fill('.filter-input', '');
    await counted(panel, 900);
    assert.equal(await selectedRow(panel), '2', 'the row chosen under the filter stays chosen without it');
    await panel.page.close();
  });

  it('brings the selected row into view after a sort, but leaves the scroll alone as pages stream in', async () => {
    const panel = await openPanel(browser, { height: 600 });
    const events = demo();
    await panel.send(SEARCH, { type: 'events', runId: 1, connectionId: 'demo', events: events.slice(0, 800) }, { type: 'status', runId: 1, status: status(800, { phase: 'running', complete: false, total: null }) });
    await counted(panel, 800);
    await panel.page.focus('[role=grid]');
    for (let i = 0; i < 5; i++) await panel.page.keyboard.press('j'); // e4, erin's: last when sorted by actor
    await panel.page.click('[role=columnheader] >> text=Actor');
    await panel.page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
      const row = doc.querySelector('[role=row][aria-selected=true]');
      return row !== null && doc.querySelector('[role=grid]')?.getAttribute('aria-activedescendant') === `row-${Number(row.getAttribute('aria-rowindex')) - 2}`;
    });
    assert.ok(Number(await selectedRow(panel)) > 600, 'erin sorts last');
    assert.ok(await selectedInView(panel), 'the selected row is in view');

    await panel.page.$eval('[role=grid]', (grid) => { grid.scrollTop = 0; });
    await panel.page.waitForTimeout(100);
    await panel.send({ type: 'events', runId: 1, connectionId: 'demo', events: events.slice(800) }, { type: 'status', runId: 1, status: status(900) });
    await counted(panel, 900);
    await panel.page.waitForTimeout(300);
    assert.equal(await gridTop(panel), 0, 'a streamed page does not scroll to the selection');
    await panel.page.close();
  });

  it('draws the timeline over exactly the search range: no bin past its end, the axis labelled with its ends', async () => {
    const panel = await openPanel(browser);
    await panel.send(...runMessages(demo()));
    await counted(panel, 900);
    await panel.page.waitForSelector('.histogram svg');
    assert.equal(await panel.page.locator('.histogram rect.bar').count(), 24, '10:00 to 12:00 in 5-minute bins');
    assert.deepEqual(await panel.page.$$eval('.histogram .axis span', (spans) => spans.map((s) => s.textContent)), ['2025-12-04 10:00:00', '2025-12-04 12:00:00']);
    const right = await panel.page.$$eval('.histogram rect.bar', (bars) => Math.max(...bars.map((b) => Number(b.getAttribute('x')) + Number(b.getAttribute('width')))));
    assert.ok(right <= 1000 && right > 990, `the last bar ends at the right edge (${right})`);
    await panel.page.close();
  });

  it('says a failed run failed, as plainly as a cancelled one, and a search-wide error without a connection label', async () => {
    const panel = await openPanel(browser);
    const message = 'Perfecto refused the token (401). Set a new credential.';
    await panel.send(...runMessages(buildEvents(100, END, 5_000), 1, { phase: 'failed', complete: false, total: 1000, errors: [{ connection: '', message }] }));
    await counted(panel, 100);
    await panel.page.waitForSelector('.status-line .status-failed');
    assert.equal((await panel.page.textContent('.status-line .status-failed'))?.replace(/\s+/g, ' ').trim(), '· failed');
    assert.equal((await panel.page.textContent(`.status-line .error-text:has-text("${message}")`))?.trim(), message);
    await panel.page.waitForSelector('.status-line [role=status] >> text=Failed: 100 events loaded.');
    await panel.send({ type: 'status', runId: 1, status: status(100, { phase: 'cancelled', complete: false, total: 1000 }) });
    await panel.page.waitForSelector('.status-line >> text=· cancelled');
    assert.equal(await panel.page.locator('.status-line .status-failed').count(), 0);
    await panel.page.close();
  });

  it('shows a failed request as an alert that stays until dismissed, apart from passing confirmations', async () => {
    const panel = await openPanel(browser);
    await panel.send(...runMessages(demo()));
    await counted(panel, 900);
    const failure = 'Could not write audit-events.csv: permission denied. Choose another folder.';
    await panel.send({ type: 'reply', requestId: 1, ok: false, message: failure }, { type: 'reply', requestId: 2, ok: true, message: 'Copied 3 rows.' });
    await panel.page.waitForSelector('.toast[role=status] >> text=Copied 3 rows.');
    assert.equal((await panel.page.textContent('.toast-error[role=alert]'))?.trim(), `Error: ${failure}`);
    assert.equal(await panel.page.locator('.toast[role=status]:has-text("permission denied")').count(), 0);
    const colors = await panel.page.evaluate<string[]>("[...document.querySelectorAll('.toast-error, .toast[role=status]')].map((t) => getComputedStyle(t).borderTopColor)");
    assert.notEqual(colors[0], colors[1], 'the error is bordered apart');
    // The confirmation goes after its few seconds; the error outlasts it.
    await panel.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }).document.querySelector('.toast[role=status]').textContent === '', undefined, { timeout: 10_000 });
    assert.ok((await panel.page.textContent('.toast-error'))!.includes(failure));
    await panel.page.getByRole('button', { name: 'Dismiss error' }).click();
    assert.equal((await panel.page.textContent('.toast-error'))?.trim(), '');
    // From the keyboard: Escape on the error dismisses it and returns to the grid.
    await panel.send({ type: 'reply', requestId: 3, ok: false, message: failure });
    await panel.page.getByRole('button', { name: 'Dismiss error' }).focus();
    await panel.page.keyboard.press('Escape');
    assert.equal((await panel.page.textContent('.toast-error'))?.trim(), '');
    assert.equal(await panel.page.evaluate("document.activeElement?.getAttribute('role')"), 'grid');
    await panel.page.close();
  });

  it('shows a change between values that print alike as a change, telling "" from null', async () => {
    const panel = await openPanel(browser);
    const event = buildEvent({ vendor: 'axp', action: 'UPDATED', changes: [{ field: 'blank', old: '', new: null }, { field: 'count', old: 1, new: '1' }] });
    await panel.send(...runMessages([event]));
    await counted(panel, 1);
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('d');
    await panel.page.waitForSelector('aside.detail .diff-row');
    const rows = await panel.page.$$eval('aside.detail .diff-row', (sections) => sections.map((s) => ({
      note: s.querySelector('.diff-note')?.textContent ?? '',
      cells: [...s.querySelectorAll('tbody td')].map((td) => td.textContent),
    })));
    assert.deepEqual(rows, [{ note: '', cells: ['""', 'null'] }, { note: '', cells: ['1', '"1"'] }]);
    await panel.page.close();
  });
});
