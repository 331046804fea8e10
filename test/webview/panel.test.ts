import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { AuditEvent } from '../../src/core/model';
import type { SearchUpdate } from '../../src/core/search/types';
import { SearchRun } from '../../src/extension/panel/searchRun';
import type { HostMessage } from '../../src/shared/protocol';
import { buildEvent, buildEvents } from './eventBuilder';
import { eventKey } from '../../src/shared/protocol';
import { connectionRunMessages, launch, openPanel, RANGE, runMessages, status } from './harness';
import type { ThemeKind } from './themes';

const END = Date.parse(RANGE.to);
const demo = () => buildEvents(900, END - 60_000, 7_000);
/** The status line updates at once; rows follow within the render coalescing delay. */
const shown = (panel: Awaited<ReturnType<typeof openPanel>>, rows: number) =>
  panel.page.waitForSelector(`[role=grid][aria-rowcount="${rows + 1}"] [role=row][aria-rowindex="2"]`, { timeout: 60_000 });
const rowTexts = (panel: Awaited<ReturnType<typeof openPanel>>) =>
  panel.page.$$eval('[role=row][aria-rowindex]:not([aria-rowindex="1"])', (rows) => rows.map((r) => r.textContent ?? ''));
/** Chooses an item of the toolbar's Export / copy menu with the mouse. */
async function exportMenu(panel: Awaited<ReturnType<typeof openPanel>>, item: string) {
  await panel.page.getByRole('button', { name: 'Export / copy…' }).click();
  await panel.page.getByRole('menuitem', { name: item }).click();
}
/** The view state is saved in an effect after the render that changed it: wait for its filters. */
async function savedFilters(panel: Awaited<ReturnType<typeof openPanel>>, count: number): Promise<unknown[]> {
  await panel.page.waitForFunction((n) => (globalThis as unknown as { __state?: { filters?: unknown[] } }).__state?.filters?.length === n, count);
  return (await panel.state() as { filters: unknown[] }).filters;
}
/** Waits until the saved view state's `key` prints as `want` does (same key order). */
async function savedField(panel: Awaited<ReturnType<typeof openPanel>>, key: string, want: unknown): Promise<void> {
  await panel.page.waitForFunction(([k, w]) => JSON.stringify((globalThis as unknown as { __state?: Record<string, unknown> }).__state?.[k]) === w, [key, JSON.stringify(want)] as const);
}
const focused = (panel: Awaited<ReturnType<typeof openPanel>>) =>
  panel.page.evaluate<string | null>("document.activeElement?.getAttribute('data-focus') ?? document.activeElement?.textContent?.trim() ?? null");

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
    const lefts = await panel.page.evaluate<number[][]>("[...document.querySelectorAll('.table-header > *, [role=row][aria-rowindex=\"2\"] > *')].map((c) => c.getBoundingClientRect().left)");
    assert.deepEqual(lefts.slice(lefts.length / 2), lefts.slice(0, lefts.length / 2), 'each header sits over its column');
    assert.deepEqual(panel.foreignRequests, []);
    await panel.page.close();
  });

  it('says plainly when a search found nothing: the grid describes itself, no empty timeline or facet headings', async () => {
    const panel = await openPanel(browser);
    await panel.send(...runMessages([]));
    await panel.page.waitForSelector('text=0 events loaded');
    assert.equal(await panel.page.getAttribute('[role=grid]', 'aria-describedby'), 'table-empty');
    assert.equal(await panel.page.textContent('#table-empty'), 'No events to show.');
    assert.equal(await panel.page.locator('.histogram rect.bar').count(), 0);
    assert.equal((await panel.page.textContent('.histogram'))?.trim(), 'No events to draw in this range.');
    assert.equal(await panel.page.locator('.sidebar .facet').count(), 0);
    assert.equal((await panel.page.textContent('.sidebar'))?.trim(), 'No values to count yet.');
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
    await savedField(panel, 'sort', { column: 'actor', descending: false });
    const state = (await panel.state()) as { sort: unknown; filters: unknown[]; search: { query: string } };
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
    await savedField(panel, 'fieldsHidden', true);
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
    await savedField(panel, 'fieldsHidden', false); // the choice is kept
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
    await panel.page.getByRole('button', { name: 'Open role in diff editor' }).click();
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

    await exportMenu(panel, 'Copy shown rows as JSON');
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

  describe('runs over several connections', () => {
    const prod = { id: 'descope-prod', label: 'Descope prod', vendor: 'descope' } as const;
    const staging = { id: 'descope-staging', label: 'Descope staging', vendor: 'descope' } as const;
    const surfsight = { id: 'surfsight-us', label: 'Surfsight US', vendor: 'surfsight' } as const;
    /** `count` Descope events a minute apart from `minute` back, described by `name`. */
    const descope = (name: string, count: number, minute: number) => buildEvents(count, END - minute * 60_000, 60_000)
      .map((e, i) => ({ ...e, vendor: 'descope' as const, id: `d${i}`, description: `${name} ${i}` }));
    const headers = (panel: Awaited<ReturnType<typeof openPanel>>) => panel.page.$$eval('[role=columnheader]', (h) => h.map((x) => x.textContent));
    /** The Connection facet's values, once the sidebar (computed after the rows) shows it. */
    const facetLabels = async (panel: Awaited<ReturnType<typeof openPanel>>) => {
      const facet = panel.page.locator('.facet', { has: panel.page.locator('.facet-title', { hasText: /^Connection/ }) });
      await facet.waitFor();
      return facet.locator('.facet-label').allTextContents();
    };

    it('shows a Connection column for two connections of one vendor, filters by its facet, sorts by it and names it in the details', async () => {
      const panel = await openPanel(browser);
      await panel.send(...connectionRunMessages([
        { connection: prod, events: descope('prod', 6, 1) },
        { connection: staging, events: descope('staging', 4, 2) },
        { connection: surfsight, events: [buildEvent({ vendor: 'surfsight', id: 's1', time: '2025-12-04T11:00:00.000Z', description: 'camera' })] },
      ]));
      await shown(panel, 11);
      assert.deepEqual(await headers(panel), ['Time (UTC)', 'Vendor', 'Connection', 'Actor', 'Action', 'Resource', 'Status', 'Description', 'Trace id']);
      const cells = await panel.page.$$eval('[role=row] .cell-connection', (c) => c.map((x) => x.textContent));
      assert.equal(cells.length, 11);
      assert.deepEqual(new Set(cells), new Set(['Descope prod', 'Descope staging', 'Surfsight US']));
      assert.deepEqual((await rowTexts(panel)).filter((r) => r.includes('Descope staging')).length, 4);
      assert.deepEqual(await facetLabels(panel), ['Descope prod', 'Descope staging', 'Surfsight US']);

      await panel.page.click('.facet-value:has-text("Descope staging") .facet-include');
      await panel.page.waitForSelector('.chip >> text=Connection: Descope staging');
      await shown(panel, 4);
      assert.ok((await rowTexts(panel)).every((r) => r.includes('Descope staging') && r.includes('staging ')));
      assert.deepEqual(await savedFilters(panel, 1), [{ field: 'connection', value: 'descope-staging', exclude: false }]);
      await panel.page.click('button[aria-label="Remove filter Connection: Descope staging"]');
      await shown(panel, 11);

      await panel.page.click('[role=columnheader] >> text=Connection');
      assert.equal(await panel.page.getAttribute('[role=columnheader]:has-text("Connection")', 'aria-sort'), 'ascending');
      const sorted = await panel.page.$$eval('[role=row] .cell-connection', (c) => c.map((x) => x.textContent));
      assert.deepEqual(sorted, [...Array(6).fill('Descope prod'), ...Array(4).fill('Descope staging'), 'Surfsight US']);

      await panel.page.focus('[role=grid]');
      await panel.page.keyboard.press('End');
      await panel.page.keyboard.press('Enter');
      await panel.page.waitForSelector('aside.detail >> text=camera');
      assert.equal(await panel.page.textContent('aside.detail dt:text-is("Connection") + dd'), 'Surfsight US');
      await panel.page.click('aside.detail dt:text-is("Connection") + dd button');
      await panel.page.waitForSelector('.chip >> text=Connection: Surfsight US');
      await shown(panel, 1);
      await panel.page.close();
    });

    it('keeps two connections with one label apart in the facet, the filter and the details', async () => {
      const twinA = { ...prod, label: 'Descope' };
      const twinB = { ...staging, label: 'Descope' };
      const panel = await openPanel(browser);
      await panel.send(...connectionRunMessages([
        { connection: twinA, events: descope('first', 3, 1) },
        { connection: twinB, events: descope('second', 2, 2) },
      ]));
      await shown(panel, 5);
      assert.deepEqual(await facetLabels(panel), ['Descope (descope-prod)', 'Descope (descope-staging)']);
      await panel.page.click('.facet-value:has-text("Descope (descope-staging)") .facet-exclude');
      await panel.page.waitForSelector('.chip.exclude >> text=not Connection: Descope (descope-staging)');
      await shown(panel, 3);
      assert.ok((await rowTexts(panel)).every((r) => r.includes('Descope (descope-prod)') && r.includes('first ')));
      await panel.page.focus('[role=grid]');
      await panel.page.keyboard.press('Home');
      await panel.page.keyboard.press('Enter');
      assert.equal(await panel.page.textContent('aside.detail dt:text-is("Connection") + dd'), 'Descope (descope-prod)');
      await panel.page.close();
    });

    it('adds the column and the facet only for a new panel of one vendor\'s connections', async () => {
      const mixed = await openPanel(browser);
      await mixed.send(...connectionRunMessages([{ connection: prod, events: descope('prod', 2, 1) }, { connection: surfsight, events: [buildEvent({ vendor: 'surfsight', id: 's1' })] }]));
      await shown(mixed, 3);
      assert.ok(!(await headers(mixed)).includes('Connection'));
      await mixed.page.locator('.facet-title', { hasText: /^Vendor/ }).waitFor();
      assert.equal(await mixed.page.locator('.facet-title:has-text("Connection")').count(), 0, 'one connection per vendor: the Vendor facet says it');
      await mixed.page.close();

      const single = await openPanel(browser);
      await single.send(...connectionRunMessages([{ connection: prod, events: descope('prod', 2, 1) }]));
      await shown(single, 2);
      await single.page.locator('.facet-title', { hasText: /^Vendor/ }).waitFor();
      assert.equal(await single.page.locator('.facet-title:has-text("Connection")').count(), 0, 'one connection: no facet');
      await single.page.close();

      const restored = await openPanel(browser, {
        state: { columns: ['time', 'action'], sort: { column: 'time', descending: true }, filters: [], selectedKey: null, detailOpen: false, scrollTop: 0 },
      });
      await restored.send(...connectionRunMessages([{ connection: prod, events: descope('prod', 2, 1) }, { connection: staging, events: descope('staging', 2, 2) }]));
      await shown(restored, 4);
      assert.deepEqual(await headers(restored), ['Time (UTC)', 'Action'], 'a restored panel keeps the user\'s columns');
      await restored.page.close();
    });

    for (const theme of ['dark', 'light'] as ThemeKind[]) {
      it(`takes a screenshot of a two-connection run in the ${theme} theme`, async () => {
        const panel = await openPanel(browser, { theme, width: 1400, height: 520 });
        await panel.send(...connectionRunMessages([{ connection: prod, events: descope('prod', 12, 1) }, { connection: staging, events: descope('staging', 12, 2) }]));
        await shown(panel, 24);
        await panel.page.focus('[role=grid]');
        await panel.page.keyboard.press('j');
        await panel.page.keyboard.press('j');
        await panel.page.keyboard.press('Enter');
        await panel.page.waitForSelector('aside.detail');
        await panel.page.evaluate('document.fonts.ready.then(() => true)');
        mkdirSync('test-results', { recursive: true });
        await panel.page.screenshot({ path: `test-results/panel-connections-${theme}.png` });
        const cut = await panel.page.$$eval('[role=row] .cell-connection', (c) => c.filter((x) => x.scrollWidth > x.clientWidth).map((x) => x.textContent));
        assert.deepEqual(cut, [], 'each connection name fits its cell beside the details');
        await panel.page.close();
      });
    }
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

    await exportMenu(panel, 'All events as NDJSON…');
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

  it('leaves keys on a focused column header to the header: Enter sorts, j, arrows and End move no selection', async () => {
    const { panel } = await demoPanel(1400);
    const page = panel.page;
    await page.focus('[role=grid]');
    await page.keyboard.press('j');
    // The view state is saved after the render.
    await page.waitForFunction(() => (globalThis as unknown as { __state?: { selectedKey: unknown } }).__state?.selectedKey);
    const selectedKey = async () => (await panel.state() as { selectedKey: string | null }).selectedKey;
    const before = await selectedKey();
    assert.equal(before, eventKey('demo', 'e0'));
    await page.focus('[role=columnheader]:has-text("Actor") button');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('[role=columnheader]:has-text("Actor")', 'aria-sort'), 'ascending');
    assert.equal(await page.locator('aside.detail').count(), 0, 'Enter on a header does not open the details');
    for (const key of ['Home', 'j', 'k', 'ArrowDown', 'End']) await page.keyboard.press(key);
    assert.equal(await focused(panel), 'Actor');
    // Had those keys moved the selection, it would sit on the last row now; one j on the grid
    // shows where it was: on alice's newest event, so j takes it to her next one.
    await page.focus('[role=grid]');
    await page.keyboard.press('j');
    await page.waitForFunction((old) => (globalThis as unknown as { __state?: { selectedKey: unknown } }).__state?.selectedKey !== old, before);
    assert.equal(await selectedKey(), eventKey('demo', 'e5'));
    await page.close();
  });

  it('resizes a column by dragging its header edge or from the keyboard, cancels on Escape, resets, and keeps the widths', async () => {
    const { panel } = await demoPanel(1400);
    const page = panel.page;
    const header = (label: string) => page.locator(`[role=columnheader]:has-text("${label}")`);
    const width = async (label: string) => Math.round((await header(label).boundingBox())?.width ?? 0);
    const widths = async () => (await panel.state() as { widths?: Record<string, number> }).widths ?? {};
    const dragEdge = async (label: string, dx: number, finish: 'up' | 'Escape') => {
      const box = await page.locator(`[role=separator][aria-label="Resize the ${label} column"]`).boundingBox();
      assert.ok(box, `${label} has a resize handle`);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + dx / 2, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2);
      if (finish === 'up') await page.mouse.up();
      else { await page.keyboard.press('Escape'); await page.mouse.up(); }
    };
    const description = await width('Description');
    const traceLeft = (await header('Trace id').boundingBox())?.x ?? 0;

    await dragEdge('Description', 100, 'Escape');
    assert.equal(await width('Description'), description, 'Escape puts the width back');
    assert.deepEqual(await widths(), {});
    assert.equal(await page.getAttribute('[role=columnheader]:has-text("Description")', 'aria-sort'), 'none', 'the drag sorted nothing');

    await dragEdge('Description', 240, 'up');
    await page.waitForFunction(() => (globalThis as unknown as { __state?: { widths?: { description?: number } } }).__state?.widths?.description);
    const dragged = (await widths()).description as number;
    assert.ok(Math.abs(dragged - (description + 240)) <= 2, `dragged to ${dragged}, from ${description}`);
    assert.equal(await width('Description'), dragged);
    const cell = await page.locator('[role=row][aria-rowindex="2"] .cell-description').boundingBox();
    assert.equal(Math.round(cell?.width ?? 0), dragged, 'the rows follow the header');
    const lefts = await page.evaluate<number[][]>("[...document.querySelectorAll('.table-header > *, [role=row][aria-rowindex=\"2\"] > *')].map((c) => c.getBoundingClientRect().left)");
    assert.deepEqual(lefts.slice(lefts.length / 2), lefts.slice(0, lefts.length / 2), 'each header still sits over its column');
    await dragEdge('Description', 900, 'up');
    await page.waitForFunction((w) => ((globalThis as unknown as { __state?: { widths?: { description?: number } } }).__state?.widths?.description ?? 0) > w, dragged);
    assert.ok(((await header('Trace id').boundingBox())?.x ?? 0) > traceLeft + 600, 'the columns after it moved right');
    assert.equal(await page.$eval('[role=grid]', (g) => g.scrollWidth > g.clientWidth), true, 'wider than the panel, the grid scrolls sideways');
    await page.$eval('[role=grid]', (g) => { g.scrollLeft = g.scrollWidth; });
    assert.ok(await page.locator('[role=row][aria-rowindex="2"] .cell-traceId').isVisible(), 'the last column can be scrolled to');

    // From the keyboard: arrows resize and move no selection.
    await page.$eval('[role=grid]', (g) => { g.scrollLeft = 0; });
    await page.focus('[role=separator][aria-label="Resize the Actor column"]');
    await page.screenshot({ path: 'test-results/panel-resized-columns.png', clip: { x: 200, y: 0, width: 1200, height: 420 } });
    const actor = await width('Actor');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((w) => (globalThis as unknown as { __state?: { widths?: { actor?: number } } }).__state?.widths?.actor === w, actor + 64);
    assert.equal(await width('Actor'), actor + 64);
    assert.equal(await page.getAttribute('[role=separator][aria-label="Resize the Actor column"]', 'aria-valuenow'), String(actor + 64));
    assert.equal((await panel.state() as { selectedKey: unknown }).selectedKey, null);
    const actorWidthIs = (w: number | undefined) => page.waitForFunction((want) => (globalThis as unknown as { __state?: { widths?: { actor?: number } } }).__state?.widths?.actor === (want ?? undefined), w ?? null);
    await page.keyboard.press('Delete');
    await actorWidthIs(undefined);
    assert.equal(await page.getAttribute('[role=separator][aria-label="Resize the Actor column"]', 'aria-valuetext'), 'default width');
    await page.focus('[role=grid]');
    await page.focus('[role=separator][aria-label="Resize the Actor column"]');
    assert.equal(await page.getAttribute('[role=separator][aria-label="Resize the Actor column"]', 'aria-valuenow'), String(actor), 'focused at its default, it says the width it has');
    await page.keyboard.press('ArrowRight');
    await actorWidthIs(actor + 16);
    await page.keyboard.press('Backspace');
    await actorWidthIs(undefined);

    // A restored panel keeps the widths; a double-click gives the default back.
    const state = await panel.state();
    await page.close();
    const restored = (await demoPanel(1400, state)).panel;
    const restoredWidth = Math.round((await restored.page.locator('[role=columnheader]:has-text("Description")').boundingBox())?.width ?? 0);
    assert.equal(restoredWidth, (state as { widths: { description: number } }).widths.description);
    await restored.page.dblclick('[role=separator][aria-label="Resize the Description column"]');
    await restored.page.waitForFunction(() => (globalThis as unknown as { __state?: { widths?: { description?: number } } }).__state?.widths?.description === undefined);
    assert.equal(Math.round((await restored.page.locator('[role=columnheader]:has-text("Description")').boundingBox())?.width ?? 0), description);
    assert.equal(await restored.page.$eval('[role=grid]', (g) => g.scrollWidth > g.clientWidth), false, 'the default widths fit the panel again');
    await restored.page.close();
  });

  it('opens Export / copy as a menu of buttons: arrows move without acting, Enter acts once, Escape returns focus, Tab leaves', async () => {
    const { panel } = await demoPanel(1400);
    const page = panel.page;
    const requests = async () => (await panel.posted()).filter((m) => m.type === 'export' || m.type === 'copyRows');
    await page.getByRole('button', { name: 'Export / copy…' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role=menu]');
    assert.equal(await focused(panel), 'Loaded events as CSV…');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(panel), 'Loaded events as NDJSON…');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/panel-export-menu.png', clip: { x: 900, y: 80, width: 500, height: 480 } });
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(panel), 'All events as CSV…');
    assert.deepEqual(await requests(), [], 'moving through the menu asks the host for nothing');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('[role=menu]').count(), 0);
    assert.equal(await focused(panel), 'Export / copy…');

    await page.keyboard.press('Space');
    await page.waitForSelector('[role=menu]');
    await page.keyboard.press('ArrowUp'); // wraps to the last item
    assert.equal(await focused(panel), 'Copy shown rows as CSV');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('[role=menu]').count(), 0);
    assert.equal(await focused(panel), 'Export / copy…');
    const [copy, ...rest] = await requests();
    assert.deepEqual(rest, []);
    assert.ok(copy.type === 'copyRows' && copy.format === 'csv' && copy.eventKeys.length === 900);

    await page.getByRole('button', { name: 'Export / copy…' }).click();
    await page.click('.histogram');
    await page.waitForSelector('[role=menu]', { state: 'detached', timeout: 2_000 }); // a click outside closes the menu

    // One tab stop: Tab from an item leaves the menu and closes it, asking the host for nothing.
    await page.getByRole('button', { name: 'Export / copy…' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role=menu]');
    await page.keyboard.press('Tab');
    await page.waitForSelector('[role=menu]', { state: 'detached', timeout: 2_000 });
    assert.notEqual(await focused(panel), 'Loaded events as CSV…');
    assert.equal((await requests()).length, 1, 'only the copy chosen earlier');
    await page.close();
  });

  it('keeps focus in the Columns popover on untick and move, returns it to the button on Escape, and closes on an outside click', async () => {
    const { panel } = await demoPanel(1400);
    const page = panel.page;
    const headers = () => page.$$eval('[role=columnheader]', (h) => h.map((x) => x.textContent));
    const popover = page.locator('ul.popover[aria-label=Columns]');
    await page.getByRole('button', { name: 'Columns' }).click();
    await popover.waitFor();
    await page.keyboard.press('Escape'); // focus still on the button
    assert.equal(await popover.count(), 0);
    assert.equal(await focused(panel), 'Columns');

    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await focused(panel), 'check-time');
    await page.keyboard.press('Space');
    assert.equal((await headers())[0], 'Vendor');
    assert.equal(await focused(panel), 'check-time', 'the unticked box keeps focus');
    assert.equal(await popover.count(), 1);
    await page.focus('[data-focus=right-vendor]');
    await page.keyboard.press('Enter');
    assert.deepEqual((await headers()).slice(0, 2), ['Actor', 'Vendor']);
    assert.equal(await focused(panel), 'right-vendor', 'the move button keeps focus');
    await page.focus('[data-focus=left-vendor]');
    await page.keyboard.press('Enter');
    assert.equal(await focused(panel), 'left-vendor', 'focus stays on a move button that reached the end');
    assert.equal(await page.getAttribute('[data-focus=left-vendor]', 'aria-disabled'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await popover.count(), 0);
    assert.equal(await focused(panel), 'Columns');
    assert.equal(await page.locator('aside.detail').count(), 0);

    // A slow press on a label's text (focus falls to the page meanwhile) ticks its box and keeps the popover open.
    await page.keyboard.press('Enter');
    const label = popover.locator('label', { hasText: 'Trace id' });
    const box = await label.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width - 8, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(150);
    await page.mouse.up();
    await page.getByRole('columnheader', { name: 'Trace id' }).waitFor({ state: 'detached' });
    assert.equal(await popover.count(), 1, 'a press inside the popover does not close it');
    await page.click('.histogram');
    await popover.waitFor({ state: 'detached', timeout: 2_000 }); // a click outside closes the popover
    await page.close();
  });

  it('shows bidi controls in vendor text as visible markers in the table, sidebar, chips and details, filtering by the real value', async () => {
    const spoof = 'admin\u202Emoc.elpmaxe@bob';
    const marked = 'admin\u2039U+202E\u203Amoc.elpmaxe@bob';
    const long = `${'x'.repeat(280)}@example.com`;
    const panel = await openPanel(browser, { width: 1000 });
    const page = panel.page;
    await panel.send(...runMessages([
      buildEvent({ id: 'bidi', time: '2025-12-04T11:30:00.000Z', actor: { id: 'u1', name: spoof, type: 'user', role: null },
        description: 'left\u2067right\u2069 \u200Fmark', changes: [{ field: 'role', old: 'viewer', new: 'admin' }], raw: { user: spoof } }),
      buildEvent({ id: 'long', time: '2025-12-04T11:20:00.000Z', actor: { id: 'u2', name: long, type: 'user', role: null } }),
    ]));
    await shown(panel, 2);
    const rows = await rowTexts(panel);
    assert.ok(rows[0].includes(marked) && rows[0].includes('left\u2039U+2067\u203Aright\u2039U+2069\u203A \u2039U+200F\u203Amark'), rows[0]);
    assert.equal(await page.getAttribute('[role=row][aria-rowindex="2"] .cell-actor', 'dir'), 'auto');
    assert.ok((await page.$$eval('.sidebar .facet-label', (l) => l.map((x) => x.textContent))).includes(marked));
    await page.focus('[role=grid]');
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    const detail = (await page.textContent('aside.detail'))!;
    assert.ok(detail.includes(`Actor${marked}`) && detail.includes(`user: ${JSON.stringify(marked)}`), detail);
    assert.ok(!/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test((await page.textContent('body'))!), 'no bidi control reaches the page');
    assert.equal(await page.locator('[role=tree], [role=treeitem], [role=group]').count(), 0, 'the raw record is plain details/summary');
    assert.ok(await page.locator('.json-tree details > summary').count() > 0);

    await page.click(`.sidebar .facet-value:has-text("${marked}") .facet-include`);
    assert.equal(await page.textContent('.chip-label'), `Actor: ${marked}`);
    assert.deepEqual(await savedFilters(panel, 1), [{ field: 'actor', value: spoof, exclude: false }]);
    assert.equal((await rowTexts(panel)).length, 1);
    await page.click('.chip button');

    await page.click(`.sidebar .facet-value:has-text("${long.slice(0, 40)}") .facet-include`);
    const chip = page.locator('.chip-label');
    assert.equal(await chip.getAttribute('title'), `Actor: ${long}`);
    assert.ok(await chip.evaluate((el) => el.scrollWidth > el.clientWidth), 'the long value is cut with an ellipsis');
    const remove = (await page.locator('.chip button').boundingBox())!;
    assert.ok(remove.x + remove.width <= 1000, `the chip's remove button is on screen (right edge ${remove.x + remove.width})`);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/panel-bidi-chip.png', clip: { x: 0, y: 0, width: 1000, height: 320 } });
    await page.close();
  });

  it('names each diff button by its field and tells the timeline\'s keyboard alternative', async () => {
    const panel = await openPanel(browser);
    await panel.send(...runMessages(demo()));
    await shown(panel, 900);
    assert.match((await panel.page.getAttribute('.histogram svg', 'aria-label'))!, /from: and to: in the query/);
    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('d');
    await panel.page.getByRole('button', { name: 'Open role in diff editor' }).click();
    assert.deepEqual((await panel.posted()).find((m) => m.type === 'openDiff'), { type: 'openDiff', requestId: 1, eventKey: eventKey('demo', 'e0'), field: 'role' });
    await panel.page.close();
  });

  it('decides t by Shift, not by case (Caps Lock), and says when an event has no trace id', async () => {
    const panel = await openPanel(browser);
    const page = panel.page;
    await panel.send(...runMessages([
      buildEvent({ id: 'traced', time: '2025-12-04T11:30:00.000Z', traceId: 'trace-a' }),
      buildEvent({ id: 'plain', time: '2025-12-04T11:20:00.000Z', traceId: null }),
    ]));
    await shown(panel, 2);
    const searches = async () => (await panel.posted()).filter((m) => m.type === 'searchTraceId');
    await page.focus('[role=grid]');
    await page.keyboard.press('j');
    await page.keyboard.press('T'); // what Caps Lock sends: 'T' without Shift
    await page.waitForSelector('.chip >> text=Trace id: trace-a');
    assert.deepEqual(await searches(), [], 'Caps Lock t filters; it does not search every vendor');
    await page.keyboard.press('Shift+T');
    assert.deepEqual(await searches(), [{ type: 'searchTraceId', traceId: 'trace-a' }]);
    await page.click('.chip button');
    await page.focus('[role=grid]');
    await page.keyboard.press('j');
    await page.keyboard.press('t');
    await page.waitForSelector('.toast >> text=This event has no trace id.');
    assert.equal(await page.locator('.chip').count(), 0);
    await page.close();
  });

  it('announces status phases and an occasional count, not every page, from a live region without buttons', async () => {
    const panel = await openPanel(browser);
    const page = panel.page;
    const events = demo();
    await panel.send(...runMessages(events.slice(0, 100), 1, { phase: 'running', more: true, complete: false, total: 900 }));
    await shown(panel, 100);
    const live = page.locator('.status-line [role=status]');
    await live.filter({ hasText: 'Fetching events.' }).waitFor();
    await page.evaluate(`{
      window.__announced = 0;
      new MutationObserver((records) => { window.__announced += records.length; })
        .observe(document.querySelector('.status-line [role=status]'), { childList: true, characterData: true, subtree: true });
    }`);
    const running = (loaded: number): HostMessage => ({ type: 'status', runId: 1, status: { ...status(loaded, { total: 900 }), phase: 'running', more: true, complete: false } });
    for (let loaded = 110; loaded <= 600; loaded += 10) await panel.send(running(loaded));
    await page.waitForSelector('text=600 of 900 events loaded');
    assert.equal(await page.evaluate('window.__announced'), 0, 'fifty pages, no announcement');
    assert.equal(await live.locator('button').count(), 0);
    assert.ok(await page.getByRole('button', { name: 'Cancel' }).isVisible());
    await panel.send({ type: 'status', runId: 1, status: status(900) });
    await live.filter({ hasText: 'Finished: 900 events loaded.' }).waitFor();
    assert.equal(await page.evaluate('window.__announced'), 1);

    // A second run that ends in the same words is still spoken.
    await panel.send(...runMessages(events, 2));
    for (let tries = 0; Number(await page.evaluate('window.__announced')) < 2; tries++) {
      assert.ok(tries < 100, 'the second run was not announced');
      await page.waitForTimeout(50);
    }
    assert.match((await live.textContent()) ?? '', /^Finished: 900 events loaded\.\s?$/);

    // A notice is said once when it appears; errors are said, and the end says it had them.
    const notice = 'Demo: waiting 30 s for the rate limit.';
    const noticed = (loaded: number): HostMessage => ({ type: 'status', runId: 3, status: { ...status(loaded), phase: 'running', more: true, complete: false, notices: [notice] } });
    await panel.send(...runMessages([], 3, { phase: 'running', more: true, complete: false }));
    await live.filter({ hasText: 'Fetching events.' }).waitFor();
    await panel.send(noticed(0));
    await live.filter({ hasText: notice }).waitFor();
    const before = Number(await page.evaluate('window.__announced'));
    await panel.send(noticed(0));
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate('window.__announced'), before, 'the same notice again is not repeated');
    await panel.send({ type: 'status', runId: 3, status: { ...status(0), notices: [notice], errors: [{ connection: 'Demo', message: 'The credential was refused.' }] } });
    await live.filter({ hasText: 'Finished with 1 error: 0 events loaded. Demo: The credential was refused.' }).waitFor();
    await page.close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`shows focus on the pressed sidebar toggle and the exclude buttons, and readable badges on the selection (${theme})`, async () => {
      const panel = await openPanel(browser, { theme });
      const page = panel.page;
      await panel.send(...runMessages(demo()));
      await shown(panel, 900);
      mkdirSync('test-results', { recursive: true });
      await page.focus('[role=grid]');
      await page.keyboard.press('j');
      const colours = await page.evaluate<string[]>("[...document.querySelectorAll('.row.selected, .row.selected .vendor, .row.selected .status')].map((el) => getComputedStyle(el).color)");
      assert.equal(colours.length, 3);
      assert.ok(colours.every((c) => c === colours[0]), `badges take the selection's foreground: ${colours.join(' ')}`);
      await page.screenshot({ path: `test-results/panel-selection-${theme}.png`, clip: { x: 0, y: 120, width: 1400, height: 200 } });

      const focusBorder = { light: 'rgb(0, 144, 241)', dark: 'rgb(0, 127, 212)', 'high-contrast': 'rgb(243, 133, 24)' }[theme];
      await page.focus('.filter-input');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate("document.activeElement?.getAttribute('aria-pressed')"), 'true');
      assert.equal(await page.evaluate('getComputedStyle(document.activeElement).outlineColor'), focusBorder);
      await page.screenshot({ path: `test-results/panel-toggle-focus-${theme}.png`, clip: { x: 0, y: 80, width: 700, height: 200 } });

      const opacity = () => page.evaluate("getComputedStyle(document.querySelectorAll('.facet-exclude')[1]).opacity");
      assert.equal(await opacity(), '0');
      await page.locator('.facet-exclude').nth(1).focus();
      assert.equal(await opacity(), '1');
      await page.screenshot({ path: `test-results/panel-exclude-focus-${theme}.png`, clip: { x: 0, y: 100, width: 400, height: 300 } });
      await page.close();
    });
  }

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`takes a screenshot in the ${theme} theme`, async () => {
      const panel = await openPanel(browser, { theme });
      const events = demo();
      events[2] = { ...events[2], changes: [{ field: 'role', old: 'read only viewer', new: 'read write viewer' }, { field: 'settings', old: { mfa: false, theme: 'light' }, new: { mfa: true, theme: 'light' } }] };
      await panel.send(...runMessages(events, 1, { warnings: 2, localFilters: ['text'] }));
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
