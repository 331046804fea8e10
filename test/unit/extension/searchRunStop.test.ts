import * as assert from 'node:assert/strict';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import type { AuditQuery } from '../../../src/core/model';
import { search } from '../../../src/core/search/engine';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { SearchRun } from '../../../src/extension/panel/searchRun';
import type { HostMessage } from '../../../src/shared/protocol';
import { DAY, emulatorTarget, HOUR } from '../search/fixtures';

const NOW = Date.parse('2025-12-20T12:00:00.000Z');
const QUERY: AuditQuery = { from: new Date(NOW - 3 * DAY).toISOString(), to: new Date(NOW).toISOString() };

describe('panel host: a search run stopped because its credential may no longer be sent', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let http: HttpClient;

  before(async () => {
    emulator = await startEmulator({
      now: () => NOW,
      data: { now: NOW, window: { fromMs: NOW - 2 * DAY, toMs: NOW - HOUR }, counts: { zluri: 300 } },
    });
    http = createHttpClient({ maxRetries: 1 });
  });
  after(async () => {
    await http.close();
    await emulator.close();
  });
  afterEach(() => emulator.faults.clear());

  function startRun(stillUsable?: () => Promise<string | undefined>) {
    const messages: HostMessage[] = [];
    const controller = new AbortController();
    const updates = search([emulatorTarget(emulator, 'zluri')], QUERY, { http, now: () => NOW, signal: controller.signal, pageSize: { zluri: 50 } });
    const run = new SearchRun(updates, controller, {
      runId: 1, pageTarget: 50, connectionLabel: (id) => id, describeError: (e) => String(e), post: (m) => messages.push(m),
      ...(stillUsable ? { stillUsable } : {}),
    });
    return { run, messages };
  }
  /** The run's status once it is no longer running (the test's timeout bounds the wait). */
  const settled = async (run: SearchRun) => {
    while (run.status().phase === 'running') await new Promise((r) => setTimeout(r, 10));
    return run.status();
  };
  /** A paused run fetches a few pages ahead: waits until they are all in. */
  const fetchedAhead = async () => {
    let count = -1;
    while (count !== emulator.requests.length || emulator.openSockets > 0) {
      count = emulator.requests.length;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('"load more" asks first, and a reason ends the run with it in the notices: rows stay, no request is sent', async () => {
    let reason: string | undefined;
    let asked = 0;
    const { run } = startRun(async () => { asked++; return reason; });
    run.start();
    const paused = await settled(run);
    assert.equal(paused.phase, 'paused');
    assert.equal(asked, 0, 'not asked for the first pages');

    run.loadMore();
    const second = await settled(run);
    assert.equal(asked, 1);
    assert.equal(second.phase, 'paused');
    assert.ok(second.loaded > paused.loaded);

    reason = '"Team" was removed, so this search stopped. Search again.';
    const requests = emulator.requests.length;
    await run.fetchAll();
    const stopped = run.status();
    assert.equal(stopped.phase, 'cancelled');
    assert.equal(stopped.more, false);
    assert.equal(stopped.complete, false);
    assert.equal(stopped.loaded, second.loaded, 'the rows loaded stay');
    assert.deepEqual(stopped.notices, [reason]);
    assert.equal(emulator.requests.length, requests, 'nothing sent after the reason');
  });

  it('stop() during a fetch ends it at once with the reason; the rows loaded stay', async () => {
    const { run, messages } = startRun();
    run.start();
    await settled(run);
    await fetchedAhead();
    emulator.faults.add({ fault: { kind: 'latency', ms: 10_000 }, vendor: 'zluri' });
    const fetching = run.fetchAll();
    await new Promise((r) => setTimeout(r, 200));
    const loaded = run.status().loaded;
    run.stop('The credential of "Team" was deleted, so this search stopped.');
    await fetching;
    const stopped = run.status();
    assert.equal(stopped.phase, 'cancelled');
    assert.equal(stopped.loaded, loaded);
    assert.deepEqual(stopped.notices, ['The credential of "Team" was deleted, so this search stopped.']);
    assert.deepEqual(stopped.errors, [], 'a stop is not an error');
    const last = messages.at(-1);
    assert.ok(last?.type === 'status' && last.status.phase === 'cancelled', 'the webview is told');
    run.stop('"Team" was removed, so this search stopped.'); // the connection went just after its credential
    assert.deepEqual(run.status().notices, ['"Team" was removed, so this search stopped.']);
    assert.equal(run.status().phase, 'cancelled');
    const { run: cancelled } = startRun();
    cancelled.cancel();
    cancelled.stop('too late'); // a run that ended otherwise takes no reason
    assert.deepEqual(cancelled.status().notices, []);
  });
});
