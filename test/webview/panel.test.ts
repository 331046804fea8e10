import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { AuditEvent } from '../../src/core/model';
import type { SearchUpdate } from '../../src/core/search/types';
import { SearchRun } from '../../src/extension/panel/searchRun';
import type { HostMessage } from '../../src/shared/protocol';
import { buildEvent, buildEvents } from './eventBuilder';
import { eventKey } from '../../src/shared/protocol';
import { connectionRunMessages, launch, openPanel, RANGE, runMessages } from './harness';
import type { ThemeKind } from './themes';

const END = Date.parse(RANGE.to);
const demo = () => buildEvents(900, END - 60_000, 7_000);
/** The status line updates at once; rows follow within the render coalescing delay. */
const shown = (panel: Awaited<ReturnType<typeof openPanel>>, rows: number) =>
  panel.page.waitForSelector(`[role=grid][aria-rowcount="${rows + 1}"] [role=row][aria-rowindex="2"]`, { timeout: 60_000 });
const rowTexts = (panel: Awaited<ReturnType<typeof openPanel>>) =>
  panel.page.$$eval('[role=row][aria-rowindex]:not([aria-rowindex="1"])', (rows) => rows.map((r) => r.textContent ?? ''));

describe('results panel in Chromium', function () {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  /** A panel `width` px wide showing the demo run, and its field-sidebar toggle. */
  async function demoPanel(width: number, state?: unknown) {
    const panel = await openPanel(browser, { width, ...(state === undefined ? {} : { state }) });
    await panel.send(...runMessages(demo()));
    await shown(panel, 900);
    return { panel, toggle: panel.page.locator('button[aria-label="Field sidebar"]') };
  }

  it('renders streamed rows newest first with the status line, histogram and field sidebar', async () => {
    const panel = await openPanel(browser);
    const events = demo();
    await panel.send(...runMessages(events));
    await panel.page.waitForSelector('text=900 of 900 events loaded');
    await shown(panel, 900);
    const rows = await rowTexts(panel);
    assert.ok(rows.length > 10 && rows.length < 120, `rendered ${rows.length} rows (virtualized)`);
    assert.ok(rows[0].includes('2025-12-04 11:59:00.000') && rows[0].includes('Event number 0'));
    assert.equal(await panel.page.getAttribute('[role=grid]', 'aria-rowcount'), '901');
    assert.ok(await panel.page.isVisible('text=end of range reached'));
    assert.equal(await panel.page.locator('.histogram rect.bar').count() > 10, true);
    assert.ok(await panel.page.isVisible('.sidebar >> text=alice@example.com'));
    assert.deepEqual(panel.foreignRequests, []);
    await panel.page.close();
  });

  it('moves the selection with the keyboard, opens and closes details, pivots and persists state', async () => {
    const panel = await openPanel(browser);
    await panel.send(...runMessages(demo()));
    await panel.page.waitForSelector('text=900 of 900 events loaded');
    await shown(panel, 900);
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('ArrowDown');
    await panel.page.keyboard.press('k');
    const selected = () => panel.page.getAttribute('[role=row][aria-selected=true]', 'aria-rowindex');
    assert.equal(await selected(), '3');
    assert.equal(await panel.page.getAttribute('[role=grid]', 'aria-activedescendant'), 'row-1');
    await panel.page.keyboard.press('Enter');
    await panel.page.waitForSelector('aside.detail');
    assert.ok((await panel.page.textContent('aside.detail'))!.includes('Event number 1'));
    await panel.page.keyboard.press('Escape');
    await panel.page.waitForSelector('aside.detail', { state: 'detached' });
    assert.equal(await panel.page.evaluate("document.activeElement?.getAttribute('role')"), 'grid');
    await panel.page.keyboard.press('End');
    assert.equal(await selected(), '901');
    await panel.page.keyboard.press('Home');
    await panel.page.keyboard.press('t'); // event 0 has trace-0: pivot to it
    await panel.page.waitForSelector('.chip >> text=Trace id: trace-0');
    const traced = await rowTexts(panel);
    assert.ok(traced.length > 0 && traced.every((r) => r.includes('trace-0')));
    await panel.page.keyboard.press('/');
    assert.equal(await panel.page.evaluate('document.activeElement?.className'), 'filter-input');
    await panel.page.click('[role=columnheader] >> text=Actor');
    assert.equal(await panel.page.getAttribute('[role=columnheader]:has-text("Actor")', 'aria-sort'), 'ascending');
    const state = (await panel.state()) as { sort: unknown; filters: unknown[]; search: { query: string } };
    assert.deepEqual(state.sort, { column: 'actor', descending: false });
    assert.equal(state.filters.length, 1);
    assert.equal(state.search.query, 'since:2h');
    await panel.page.close();
  });

  it('restores persisted columns and filters from setState', async () => {
    const panel = await openPanel(browser, {
      state: { columns: ['time', 'action'], sort: { column: 'time', descending: false }, filters: [{ field: 'vendor', value: 'zluri', exclude: false }], selectedKey: null, detailOpen: false, scrollTop: 0 },
    });
    await panel.send(...runMessages(demo()));
    await shown(panel, 180);
    assert.deepEqual(await panel.page.$$eval('[role=columnheader]', (h) => h.map((x) => x.textContent)), ['Time (UTC)', 'Action']);
    assert.ok(await panel.page.isVisible('text=180 shown'));
    assert.ok((await rowTexts(panel))[0].startsWith('2025-12-04 10:14:'), 'oldest zluri event first');
    await panel.page.close();
  });

  it('hides and shows the field sidebar, giving the table its width, and remembers the choice', async () => {
    const { panel, toggle } = await demoPanel(900);
    const tableLeft = () => panel.page.$eval('.table-scroll', (el) => el.getBoundingClientRect().left);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    const withSidebar = await tableLeft();
    await toggle.click();
    await panel.page.waitForSelector('#field-sidebar', { state: 'detached' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.ok(await tableLeft() < withSidebar - 100, 'the table starts where the sidebar was');
    assert.equal((await panel.state() as { fieldsHidden?: boolean }).fieldsHidden, true);
    await panel.page.close();

    const restored = await demoPanel(900, { columns: ['time', 'action'], sort: { column: 'time', descending: true }, filters: [], selectedKey: null, detailOpen: false, fieldsHidden: true, scrollTop: 0 });
    assert.equal(await restored.panel.page.locator('#field-sidebar').count(), 0, 'a restored panel keeps the sidebar hidden');
    await restored.toggle.click();
    await restored.panel.page.waitForSelector('#field-sidebar >> text=alice@example.com');
    await restored.panel.page.close();
  });

  it('leaves a narrow panel\'s width to the table until the user asks for the sidebar', async () => {
    const { panel, toggle } = await demoPanel(700);
    assert.equal(await panel.page.locator('#field-sidebar').count(), 0, 'hidden on a 700 px panel');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    await panel.page.waitForSelector('#field-sidebar >> text=alice@example.com');
    assert.equal((await panel.state() as { fieldsHidden?: boolean }).fieldsHidden, false, 'the choice is kept');
    await panel.page.setViewportSize({ width: 1200, height: 800 });
    await panel.page.setViewportSize({ width: 650, height: 800 });
    assert.equal(await panel.page.locator('#field-sidebar').count(), 1, 'a chosen sidebar stays when the panel narrows');
    await panel.page.close();
  });

  it('starts a new panel with the columns its search names, but keeps a restored panel\'s own', async () => {
    const withColumns = (messages: ReturnType<typeof runMessages>): ReturnType<typeof runMessages> =>
      messages.map((m) => (m.type === 'search' ? { ...m, search: { ...m.search, columns: ['time', 'traceId', 'actor'] } } : m));
    const headers = (panel: Awaited<ReturnType<typeof openPanel>>) => panel.page.$$eval('[role=columnheader]', (h) => h.map((x) => x.textContent));
    const fresh = await openPanel(browser);
    await fresh.send(...withColumns(runMessages(demo())));
    await shown(fresh, 900);
    assert.deepEqual(await headers(fresh), ['Time (UTC)', 'Trace id', 'Actor']);
    await fresh.page.close();
    const restored = await openPanel(browser, {
      state: { columns: ['time', 'action'], sort: { column: 'time', descending: true }, filters: [], selectedKey: null, detailOpen: false, scrollTop: 0 },
    });
    await restored.send(...withColumns(runMessages(demo())));
    await shown(restored, 900);
    assert.deepEqual(await headers(restored), ['Time (UTC)', 'Action']);
    await restored.page.close();
  });

  it('shows a change diff with word highlights, JSON line diff and Descope new-values-only, and asks for the diff editor', async () => {
    const panel = await openPanel(browser);
    const event = buildEvent({
      id: 'chg', vendor: 'perfecto', time: '2025-12-04T11:30:00.000Z',
      changes: [
        { field: 'role', old: 'read only viewer', new: 'read write viewer' },
        { field: 'settings', old: { mfa: false, theme: 'light' }, new: { mfa: true, theme: 'light' } },
      ],
    });
    const descope = buildEvent({ id: 'dsc', vendor: 'descope', time: '2025-12-04T11:20:00.000Z', changes: [{ field: 'email', old: null, new: 'new@example.com' }] });
    const axp = buildEvent({ id: 'axp', vendor: 'axp', action: 'UPDATED', time: '2025-12-04T11:10:00.000Z', changes: [] });
    await panel.send(...runMessages([event, descope, axp]));
    await shown(panel, 3);
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('d');
    await panel.page.waitForSelector('.change-diff');
    assert.equal(await panel.page.evaluate('document.activeElement?.id'), 'detail-changes');
    assert.deepEqual(await panel.page.$$eval('.diff-row:first-child mark', (m) => m.map((x) => [x.className, x.textContent])), [['diff-mark-removed', 'only'], ['diff-mark-added', 'write']]);
    const jsonMarks = await panel.page.$$eval('.diff-row:nth-child(2) mark', (m) => m.map((x) => x.textContent));
    assert.deepEqual(jsonMarks, ['false', 'true']);
    assert.equal(await panel.page.locator('.diff-row:nth-child(2) tr').count(), 5, 'header + 4 JSON lines');
    await panel.page.click('.diff-row:first-child >> text=Open in diff editor');
    const posted = await panel.posted();
    assert.deepEqual(posted.find((m) => m.type === 'openDiff'), { type: 'openDiff', requestId: 1, eventKey: eventKey('demo', 'chg'), field: 'role' });
    await panel.page.keyboard.press('Escape');
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('d');
    await panel.page.waitForSelector('text=new values only');
    assert.ok(await panel.page.isVisible('.diff-newOnly >> text=(not reported)'));
    await panel.page.keyboard.press('Escape');
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('d');
    await panel.page.waitForSelector('text=The previous snapshot of this object is not among the loaded events');
    await panel.page.close();
  });

  it('shows the events of two connections of one vendor that share ids, each row addressed by its own connection and id', async () => {
    const us = { id: 'surfsight-us', label: 'Surfsight US', vendor: 'surfsight' } as const;
    const eu = { id: 'surfsight:"eu" région', label: 'Surfsight EU', vendor: 'surfsight' } as const;
    const event = (id: string, minute: number, description: string) =>
      buildEvent({ vendor: 'surfsight', id, time: `2025-12-04T11:${minute}:00.000Z`, description });
    const odd = '4"2:é';
    const panel = await openPanel(browser);
    await panel.send(...connectionRunMessages([
      { connection: us, events: [event('42', 50, 'US forty-two'), event(odd, 40, 'US odd id')] },
      { connection: eu, events: [event('42', 45, 'EU forty-two'), event(odd, 35, 'EU odd id')] },
    ]));
    await shown(panel, 4);
    const described = ['US forty-two', 'EU forty-two', 'US odd id', 'EU odd id'];
    const rows = await rowTexts(panel);
    assert.deepEqual(rows.map((row) => described.find((d) => row.includes(d))), described, 'both connections\' rows, newest first');

    await panel.page.selectOption('.export-menu', 'copy:shown:json');
    const keys = [eventKey(us.id, '42'), eventKey(eu.id, '42'), eventKey(us.id, odd), eventKey(eu.id, odd)];
    assert.deepEqual((await panel.posted()).find((m) => m.type === 'copyRows'), { type: 'copyRows', requestId: 1, eventKeys: keys, format: 'json' });

    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('Enter');
    await panel.page.waitForSelector('aside.detail >> text=EU forty-two');
    assert.equal(await panel.page.locator('[role=row][aria-selected=true]').count(), 1);
    await panel.page.click('button[aria-label="Open raw JSON"]');
    assert.deepEqual((await panel.posted()).find((m) => m.type === 'openRaw'), { type: 'openRaw', requestId: 2, eventKey: eventKey(eu.id, '42') });
    assert.equal((await panel.state() as { selectedKey: string }).selectedKey, eventKey(eu.id, '42'));
    await panel.page.close();
  });

  it('shows a hidden panel\'s run again from the host\'s replay with every event where it streamed to', async () => {
    const us = { id: 'surfsight-us', label: 'Surfsight US', vendor: 'surfsight' } as const;
    const eu = { id: 'surfsight-eu', label: 'Surfsight EU', vendor: 'surfsight' } as const;
    // One time for all: ties keep arrival order, so the rows show the positions.
    const event = (id: string, description: string) => buildEvent({ vendor: 'surfsight', id, time: '2025-12-04T11:00:00.000Z', description });
    async function* updates(): AsyncGenerator<SearchUpdate, void, undefined> {
      const page = (connectionId: string, events: AuditEvent[]): SearchUpdate => ({
        kind: 'page', connectionId, vendor: 'surfsight', events, revised: [], warnings: [], progress: { pages: 1, events: events.length },
      });
      yield page(us.id, [event('1', 'US one'), event('2', 'US two')]);
      yield page(eu.id, [event('1', 'EU one')]);
      yield page(us.id, [event('3', 'US three')]);
      yield page(eu.id, [event('2', 'EU two'), event('3', 'EU three')]);
    }
    const search: HostMessage = { type: 'search', runId: 1, title: 'Audit: trace', search: { query: 'since:2h', scope: 'all' }, range: RANGE, connections: [us, eu] };
    const streamed: HostMessage[] = [search];
    let sink = streamed;
    const run = new SearchRun(updates(), new AbortController(), { runId: 1, pageTarget: 100, connectionLabel: String, describeError: String, post: (m) => sink.push(m) });
    await run.fetchAll();
    const replayed: HostMessage[] = [search];
    sink = replayed;
    run.replay();

    const order = ['US one', 'US two', 'EU one', 'US three', 'EU two', 'EU three'];
    for (const messages of [streamed, replayed]) {
      const panel = await openPanel(browser);
      await panel.send(...messages);
      await shown(panel, 6);
      assert.deepEqual((await rowTexts(panel)).map((row) => order.find((d) => row.includes(d))), order);
      await panel.page.close();
    }
  });

  it('renders hostile vendor markup as text and runs none of it', async () => {
    const panel = await openPanel(browser);
    const img = '<img src=x onerror="window.__xss=true">';
    const script = '<script>window.__xss=true</script>';
    const hostile: AuditEvent = buildEvent({
      id: `${img}id`, time: '2025-12-04T11:00:00.000Z', action: `${script}Act`, description: `Zluri said ${img}${script}`,
      actor: { id: script, name: `${img}Mallory`, type: null, role: null }, resource: { type: img, id: script, name: null },
      traceId: `${img}trace`, changes: [{ field: `${img}field`, old: `${script}old`, new: { [img]: script } }],
      raw: { [img]: script, nested: { html: '<svg onload="window.__xss=true">' } },
    });
    await panel.send(...runMessages([hostile]));
    await shown(panel, 1);
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('Enter');
    await panel.page.waitForSelector('.change-diff');
    await panel.page.click('.sidebar .facet-include >> nth=0'); // re-render with a filter: still text
    await panel.page.waitForTimeout(300);
    const report = await panel.page.evaluate<{ xss: boolean; imgs: number; text: string }>(`({
      xss: window.__xss,
      imgs: document.querySelectorAll('img, svg[onload], script:not([src])').length,
      text: document.body.textContent ?? '',
    })`);
    assert.equal(report.xss, false, 'no script ran');
    assert.equal(report.imgs, 0, 'no element was created from vendor text');
    for (const needle of [`Zluri said ${img}${script}`, `${img}Mallory`, `${img}field`, `${script}old`, `${img}trace`, `${img}id`]) {
      assert.ok(report.text.includes(needle), `shown as text: ${needle}`);
    }
    assert.deepEqual(panel.foreignRequests, [], 'nothing tried to load x');
    await panel.page.close();
  });

  it('scrolls through 100,000 rows streamed in chunks, rendering only what is visible', async () => {
    const panel = await openPanel(browser);
    const events = buildEvents(100_000, END, 70);
    const messages = runMessages(events, 3);
    for (let i = 0; i < messages.length; i += 40) await panel.send(...messages.slice(i, i + 40));
    await panel.page.waitForSelector('text=100,000 of 100,000 events loaded', { timeout: 60_000 });
    await shown(panel, 100_000);
    assert.ok((await rowTexts(panel)).length < 120);
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('End');
    await panel.page.waitForSelector('[role=row][aria-selected=true]:has-text("Event number 99999")');
    await panel.page.evaluate("{ const g = document.querySelector('[role=grid]'); g.scrollTop = g.scrollHeight / 2; }");
    await panel.page.waitForSelector('[role=row]:has-text("Event number 50000")');
    const rendered = await rowTexts(panel);
    assert.ok(rendered.length < 120, `rendered ${rendered.length} rows`);
    await panel.page.close();
  });

  it('runs an edited query on Enter, shows parse errors, narrows by dragging the histogram, filters from the sidebar and exports', async () => {
    const panel = await openPanel(browser);
    await panel.send(...runMessages(demo()));
    await panel.page.waitForSelector('text=900 of 900 events loaded');
    await shown(panel, 900);
    await panel.page.fill('.query-input', 'actor:bob since:1h');
    await panel.page.press('.query-input', 'Enter');
    await panel.send({ type: 'queryError', query: 'actr:bob', message: 'Unknown key "actr" at column 1.', position: 0 });
    await panel.page.waitForSelector('[role=alert] >> text=Unknown key "actr"');

    const box = (await panel.page.locator('.histogram svg').boundingBox())!;
    await panel.page.mouse.move(box.x + box.width * 0.25, box.y + 20);
    await panel.page.mouse.down();
    await panel.page.mouse.move(box.x + box.width * 0.5, box.y + 20, { steps: 4 });
    await panel.page.mouse.up();

    await panel.page.click('.sidebar .facet-value:has-text("alice@example.com") .facet-include', { modifiers: ['Alt'] });
    await panel.page.waitForSelector('.chip.exclude >> text=Actor: alice@example.com');
    assert.ok((await rowTexts(panel)).every((r) => !r.includes('alice@example.com')));

    await panel.page.selectOption('.export-menu', 'export:all:ndjson');
    const posted = await panel.posted();
    assert.ok(posted.some((m) => m.type === 'run' && m.query === 'actor:bob since:1h'));
    const narrow = posted.find((m) => m.type === 'narrow');
    assert.ok(narrow && narrow.type === 'narrow');
    assert.ok(narrow.from < narrow.to && narrow.from >= RANGE.from && narrow.to <= RANGE.to, JSON.stringify(narrow));
    const exportRequest = posted.find((m) => m.type === 'export');
    assert.deepEqual(exportRequest && { ...exportRequest, requestId: 0 }, { type: 'export', requestId: 0, scope: 'all', format: 'ndjson' });
    await panel.send({ type: 'reply', requestId: 1, ok: true, message: 'Exported 900 events to audit-events.ndjson.' });
    await panel.page.waitForSelector('.toast >> text=Exported 900 events');
    await panel.page.close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`takes a screenshot in the ${theme} theme`, async () => {
      const panel = await openPanel(browser, { theme });
      const events = demo();
      events[2] = { ...events[2], changes: [{ field: 'role', old: 'read only viewer', new: 'read write viewer' }, { field: 'settings', old: { mfa: false, theme: 'light' }, new: { mfa: true, theme: 'light' } }] };
      await panel.send(...runMessages(events, 1, { warnings: 2, localFilters: ['text'] }));
      await shown(panel, 900);
    await shown(panel, 900);
      await panel.page.focus('[role=grid]');
      for (let i = 0; i < 3; i++) await panel.page.keyboard.press('j');
      await panel.page.keyboard.press('d');
      await panel.page.waitForSelector('.change-diff');
      await panel.page.evaluate('document.fonts.ready.then(() => true)');
      mkdirSync('test-results', { recursive: true });
      await panel.page.screenshot({ path: `test-results/panel-${theme}.png` });
      const bg = await panel.page.evaluate('getComputedStyle(document.body).backgroundColor');
      assert.equal(bg, { light: 'rgb(255, 255, 255)', dark: 'rgb(30, 30, 30)', 'high-contrast': 'rgb(0, 0, 0)' }[theme]);
      await panel.page.close();
    });
  }
});
