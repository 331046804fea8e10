import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import type { AuditEvent, AuditQuery } from '../../../src/core/model';
import { search } from '../../../src/core/search/engine';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { SearchRun } from '../../../src/extension/panel/searchRun';
import type { HostMessage } from '../../../src/shared/protocol';
import { eventKey, hostMessageSchema } from '../../../src/shared/protocol';
import { Results } from '../../../src/webview/model/results';
import type { SearchUpdate } from '../../../src/core/search/types';
import { buildEvent } from '../../webview/eventBuilder';
import { DAY, emulatorTarget, HOUR } from '../search/fixtures';

const NOW = Date.parse('2025-12-20T12:00:00.000Z');
const COUNT = 430;
const QUERY: AuditQuery = { from: new Date(NOW - 3 * DAY).toISOString(), to: new Date(NOW).toISOString() };

describe('panel host: a search run streams the real engine over the emulator', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let http: HttpClient;

  before(async () => {
    emulator = await startEmulator({
      now: () => NOW,
      data: { now: NOW, window: { fromMs: NOW - 2 * DAY, toMs: NOW - HOUR }, counts: { perfecto: COUNT, zluri: COUNT } },
    });
    http = createHttpClient({ maxRetries: 1 });
  });
  after(async () => {
    await http.close();
    await emulator.close();
  });

  function startRun(pageTarget: number) {
    const messages: HostMessage[] = [];
    const controller = new AbortController();
    const updates = search([emulatorTarget(emulator, 'perfecto'), emulatorTarget(emulator, 'zluri')], QUERY, {
      http, now: () => NOW, signal: controller.signal, pageSize: { perfecto: 50, zluri: 50 },
    });
    const run = new SearchRun(updates, controller, {
      runId: 7, pageTarget, connectionLabel: (id) => `label ${id}`, describeError: (e) => String(e), post: (m) => messages.push(m),
    });
    return { run, messages };
  }
  const statuses = (messages: HostMessage[]) => messages.flatMap((m) => (m.type === 'status' ? [m.status] : []));
  const idle = async (run: SearchRun) => {
    for (let i = 0; i < 200 && run.status().phase === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('pauses after the page target, loads more on request, then fetches to the end of the range', async () => {
    const { run, messages } = startRun(120);
    run.start();
    await idle(run);
    const paused = run.status();
    assert.equal(paused.phase, 'paused');
    assert.ok(paused.more);
    assert.ok(paused.loaded >= 120 && paused.loaded < 2 * COUNT, `paused at ${paused.loaded}`);

    run.loadMore();
    await idle(run);
    assert.ok(run.status().loaded >= paused.loaded + 120);

    await run.fetchAll();
    const done = run.status();
    assert.equal(done.phase, 'done');
    assert.equal(done.loaded, 2 * COUNT);
    assert.equal(done.complete, true);
    assert.equal(done.more, false);

    for (const message of messages) assert.ok(hostMessageSchema.safeParse(message).success, `invalid ${message.type}`);
    const chunks = messages.flatMap((m) => (m.type === 'events' ? [m] : []));
    assert.ok(chunks.every((c) => c.events.length <= 250 && c.events.length > 0));
    assert.ok(chunks.every((c) => c.events.every((e) => c.connectionId === `test-${e.vendor}`)), 'a chunk names the connection of its events');
    assert.equal(new Set(chunks.flatMap((c) => c.events.map((e) => eventKey(c.connectionId, e.id)))).size, 2 * COUNT);
    assert.ok(messages.every((m) => !('runId' in m) || m.runId === 7));
    assert.deepEqual(statuses(messages).at(-1), done);
    for (const event of run.events) {
      const found = run.find(eventKey(`test-${event.vendor}`, event.id));
      assert.equal(found?.event, event);
      assert.equal(found?.connectionId, `test-${event.vendor}`);
    }
    const first = run.events[0];
    assert.equal(run.find(eventKey(`test-${first.vendor}`, `${first.id}x`)), undefined);
    assert.equal(run.find(`${first.vendor}:${first.id}`), undefined);
    assert.equal(run.find(eventKey('nope', first.id)), undefined);
  });

  it('cancels a paused run and reports it', async () => {
    const { run, messages } = startRun(60);
    run.start();
    await idle(run);
    run.cancel();
    assert.equal(run.status().phase, 'cancelled');
    assert.equal(run.isEnded, true);
    assert.equal(statuses(messages).at(-1)?.phase, 'cancelled');
    await run.fetchAll(); // already ended: resolves at once
  });

  /** A run over hand-made updates: pages of two Surfsight regions that number their records alike. */
  async function regionsRun(updates: SearchUpdate[]) {
    async function* stream(): AsyncGenerator<SearchUpdate, void, undefined> {
      yield* updates;
    }
    let sink: HostMessage[] = [];
    const streamed = sink;
    const run = new SearchRun(stream(), new AbortController(), {
      runId: 1, pageTarget: 1_000, connectionLabel: String, describeError: String, post: (m) => sink.push(m),
    });
    await run.fetchAll();
    const replayed: HostMessage[] = [];
    sink = replayed;
    run.replay();
    return { run, streamed, replayed };
  }
  const page = (connectionId: string, events: AuditEvent[], revised: AuditEvent[] = []): SearchUpdate => ({
    kind: 'page', connectionId, vendor: 'surfsight', events, revised, warnings: [], progress: { pages: 1, events: events.length },
  });
  const surfsight = (id: string, action: string) => buildEvent({ vendor: 'surfsight', id, action });
  /** What the webview holds after these messages. */
  function webviewOf(messages: HostMessage[]): Results {
    const results = new Results();
    results.reset(1);
    for (const m of messages) {
      assert.ok(hostMessageSchema.safeParse(m).success, `invalid ${m.type}`);
      if (m.type === 'events') results.add(m.connectionId, structuredClone(m.events));
      if (m.type === 'revised') results.revise(m.connectionId, structuredClone(m.events));
    }
    return results;
  }

  it('keeps events of two connections of one vendor that share ids, each found by its own key, and replays them in place', async () => {
    const us = 'surfsight-us';
    const eu = 'surfsight:"eu" région';
    const { run, streamed, replayed } = await regionsRun([
      page(us, [surfsight('42', 'US 42'), surfsight('4"2:é', 'US odd')]),
      page(eu, [surfsight('42', 'EU 42')]),
      page(us, [surfsight('43', 'US 43')]),
      page(eu, [surfsight('4"2:é', 'EU odd'), surfsight('42', 'EU 42 again')], [surfsight('42', 'EU 42 revised')]),
      page(us, [], [surfsight('43', 'US 43 revised')]),
    ]);
    const expected = ['US 42', 'US odd', 'EU 42 revised', 'US 43 revised', 'EU odd'];
    assert.deepEqual(run.events.map((e) => e.action), expected);
    const keys: [string, string, string][] = [[us, '42', 'US 42'], [us, '4"2:é', 'US odd'], [eu, '42', 'EU 42 revised'], [us, '43', 'US 43 revised'], [eu, '4"2:é', 'EU odd']];
    for (const [connectionId, id, action] of keys) {
      const found = run.find(eventKey(connectionId, id));
      assert.equal(found?.event.action, action);
      assert.equal(found?.connectionId, connectionId);
    }
    for (const missing of [eventKey(eu, '43'), eventKey('surfsight', '42'), 'surfsight:42', `${us}:42`, '']) assert.equal(run.find(missing), undefined, missing);

    const events = replayed.filter((m) => m.type === 'events');
    assert.deepEqual(events.map((m) => m.type === 'events' && [m.connectionId, m.events.length]), [[us, 2], [eu, 1], [us, 1], [eu, 1]], 'one chunk per run of a connection, in arrival order');
    for (const messages of [streamed, replayed]) {
      const results = webviewOf(messages);
      assert.deepEqual(results.events.map((e) => e.action), expected);
      for (const [at, [connectionId, id]] of keys.entries()) {
        assert.equal(results.position(eventKey(connectionId, id)), at);
        assert.equal(results.keyAt(at), eventKey(connectionId, id));
      }
    }
  });

  it('replays any arrival of pages from two connections to the positions they streamed to', async () => {
    const arbitraryPage = fc.record({
      connection: fc.constantFrom('us', 'eu'),
      ids: fc.array(fc.constantFrom('1', '2', '3', ':', '"'), { maxLength: 4 }),
      revisedIds: fc.array(fc.constantFrom('1', '2', '3'), { maxLength: 2 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(arbitraryPage, { maxLength: 8 }), async (pages) => {
      let n = 0;
      const updates = pages.map(({ connection, ids, revisedIds }) => page(
        connection,
        ids.map((id) => surfsight(id, `${connection} ${id} #${n++}`)),
        revisedIds.map((id) => surfsight(id, `${connection} ${id} revised #${n++}`)),
      ));
      const { run, streamed, replayed } = await regionsRun(updates);
      const live = webviewOf(streamed);
      const again = webviewOf(replayed);
      assert.deepEqual(again.events, live.events);
      assert.deepEqual(live.events, run.events);
      for (const at of run.events.keys()) assert.equal(again.keyAt(at), live.keyAt(at));
    }), { numRuns: 100 });
  });
});
