import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { AuditEvent } from '../../src/core/model';
import type { SearchUpdate } from '../../src/core/search/types';
import { EventLookup } from '../../src/extension/panel/eventLookup';
import { SearchRun } from '../../src/extension/panel/searchRun';
import type { HostMessage } from '../../src/shared/protocol';
import { SHORT_TEXT_MAX, TEXT_MAX } from '../../src/shared/protocol';
import { buildEvent, buildEvents } from './eventBuilder';
import { launch, openPanel, RANGE, status } from './harness';

type Panel = Awaited<ReturnType<typeof openPanel>>;
const END = Date.parse(RANGE.to);
const shown = (panel: Panel, rows: number) =>
  panel.page.waitForSelector(`[role=grid][aria-rowcount="${rows + 1}"] [role=row][aria-rowindex="2"]`, { timeout: 60_000 });
const search = (runId: number): HostMessage => ({ type: 'search', runId, title: 'Audit: since:2h', search: { query: 'since:2h', scope: 'all' }, range: RANGE, connections: [{ id: 'demo', label: 'Demo', vendor: 'perfecto' }] });

/** What a real host run posts for one page of `events` of connection `demo`. */
async function hostRun(events: AuditEvent[]) {
  async function* stream(): AsyncGenerator<SearchUpdate, void, undefined> {
    yield { kind: 'page', connectionId: 'demo', vendor: 'perfecto', events, revised: [], warnings: [], progress: { pages: 1, events: events.length } };
  }
  const posted: HostMessage[] = [];
  const run = new SearchRun(stream(), new AbortController(), { runId: 1, pageTarget: 1_000, connectionLabel: String, describeError: String, post: (m) => posted.push(m) });
  await run.fetchAll();
  return { run, messages: [search(1), ...posted] };
}

describe('results panel limits in Chromium', function () {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('shows every event of a run where one holds a huge description and one a huge id, and opens the whole raw record of each', async () => {
    const events = buildEvents(100, END - 60_000, 7_000);
    const longId = `evt-${'9'.repeat(5_000)}`;
    // Newest, so it is the first row.
    events[0] = { ...(events[0] as AuditEvent), id: longId, time: new Date(END - 1_000).toISOString(), description: 'the event with a long id' };
    events[50] = { ...(events[50] as AuditEvent), description: `${'w'.repeat(TEXT_MAX)}END-OF-TEXT` };
    const { run, messages } = await hostRun(events);
    const panel = await openPanel(browser);
    await panel.send(...messages);
    await shown(panel, 100);
    assert.match(await panel.page.textContent('.status-line') ?? '', /100 events/);

    await panel.page.focus('[role=grid]');
    await panel.page.keyboard.press('j');
    await panel.page.keyboard.press('Enter');
    await panel.page.waitForSelector('aside.detail >> text=the event with a long id');
    await panel.page.click('button[aria-label="Open raw JSON"]');
    const posted = await panel.posted();
    assert.deepEqual(posted.filter((m) => m.type === 'refused'), [], 'the webview refused nothing');
    const openRaw = posted.find((m) => m.type === 'openRaw');
    assert.ok(openRaw?.type === 'openRaw' && openRaw.eventKey.length <= SHORT_TEXT_MAX);
    assert.equal(new EventLookup(run).find(openRaw.eventKey)?.event.id, longId, 'the host finds the whole event by the key the webview sends');
    assert.ok(run.events.some((e) => e.description?.endsWith('END-OF-TEXT')), 'the host keeps the whole description');
    await panel.page.close();
  });

  it('tells the host which message it refused and why, without its text, and keeps what it had', async () => {
    const panel = await openPanel(browser);
    const events = buildEvents(10, END - 60_000, 7_000);
    await panel.send(search(1), { type: 'events', runId: 1, connectionId: 'demo', events }, { type: 'status', runId: 1, status: status(10) });
    await shown(panel, 10);
    const refused = { type: 'events', runId: 1, connectionId: 'demo', events: [buildEvent({ id: 'big', description: 'SECRET-'.repeat(20_000) })] };
    await panel.page.evaluate(`window.postMessage(${JSON.stringify(refused)}, '*')`);
    await panel.page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'refused'));
    const posted = await panel.posted();
    assert.deepEqual(posted.filter((m) => m.type === 'refused'), [{ type: 'refused', refused: 'events', problems: ['events[0].description: over 100,000 characters'] }]);
    assert.ok(!JSON.stringify(posted).includes('SECRET'));
    await shown(panel, 10);
    await panel.page.close();
  });
});
