import * as assert from 'node:assert/strict';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import type { AuditQuery } from '../../../src/core/model';
import { search } from '../../../src/core/search/engine';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { SearchRun } from '../../../src/extension/panel/searchRun';
import type { HostMessage } from '../../../src/shared/protocol';
import { hostMessageSchema } from '../../../src/shared/protocol';
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
    const chunks = messages.flatMap((m) => (m.type === 'events' ? [m.events] : []));
    assert.ok(chunks.every((c) => c.length <= 250 && c.length > 0));
    assert.equal(new Set(chunks.flat().map((e) => `${e.vendor}:${e.id}`)).size, 2 * COUNT);
    assert.ok(messages.every((m) => !('runId' in m) || m.runId === 7));
    assert.deepEqual(statuses(messages).at(-1), done);
    for (const event of run.events) {
      const found = run.find(`${event.vendor}:${event.id}`);
      assert.equal(found?.event, event);
      assert.equal(found?.connectionId, `test-${event.vendor}`);
    }
    const first = run.events[0];
    assert.equal(run.find(`${first.vendor}:${first.id}x`), undefined);
    assert.equal(run.find(`${first.vendor}${first.id}`), undefined);
    assert.equal(run.find(`nope:${first.id}`), undefined);
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

  it('finds events by key: ids holding colons, a repeated id keeping its first connection, keys without a colon', async () => {
    async function* updates(): AsyncGenerator<SearchUpdate, void, undefined> {
      const page = (connectionId: string, events: ReturnType<typeof buildEvent>[]): SearchUpdate => ({
        kind: 'page', connectionId, vendor: 'axp', events, revised: [], warnings: [], progress: { pages: 1, events: events.length },
      });
      yield page('first', [buildEvent({ vendor: 'axp', id: 'a:b', action: 'colon' }), buildEvent({ vendor: 'axp', id: 'axp1', action: 'plain' })]);
      yield page('second', [buildEvent({ vendor: 'axp', id: 'a:b', action: 'again' })]);
    }
    const run = new SearchRun(updates(), new AbortController(), {
      runId: 1, pageTarget: 100, connectionLabel: String, describeError: String, post: () => undefined,
    });
    await run.fetchAll();
    assert.equal(run.events.length, 2);
    assert.equal(run.find('axp:a:b')?.event.action, 'again');
    assert.equal(run.find('axp:a:b')?.connectionId, 'first');
    assert.equal(run.find('axp:axp1')?.event.action, 'plain');
    for (const missing of ['axp1', 'axp:a', 'a:b', 'zluri:a:b', '']) assert.equal(run.find(missing), undefined, missing);
  });
});
