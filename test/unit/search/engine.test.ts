import * as assert from 'node:assert/strict';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import { VENDORS, type AuditEvent, type AuditQuery } from '../../../src/core/model';
import { collect, search } from '../../../src/core/search/engine';
import type { SearchUpdate } from '../../../src/core/search/types';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { allTargets, DAY, emulatorTarget, HOUR } from './fixtures';

const NOW = Date.parse('2025-12-20T12:00:00.000Z');
const WINDOW = { fromMs: NOW - 20 * DAY, toMs: NOW - 2 * HOUR };
const COUNT = 737;
const WHOLE: AuditQuery = { from: new Date(WINDOW.fromMs - HOUR).toISOString(), to: new Date(NOW).toISOString() };

function assertNewestFirstAndUnique(events: AuditEvent[]): void {
  const keys = new Set(events.map((e) => `${e.vendor}:${e.id}`));
  assert.equal(keys.size, events.length, 'duplicate events');
  for (let i = 1; i < events.length; i++) {
    assert.ok((events[i - 1] as AuditEvent).time >= (events[i] as AuditEvent).time, `not newest first at ${i}`);
  }
}

describe('search engine over the emulator', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let http: HttpClient;

  before(async () => {
    emulator = await startEmulator({
      now: () => NOW,
      data: { now: NOW, window: WINDOW, counts: Object.fromEntries(VENDORS.map((v) => [v, COUNT])) },
    });
    http = createHttpClient({ maxRetries: 3 });
  });
  after(async () => {
    await http.close();
    await emulator.close();
  });
  beforeEach(() => {
    emulator.faults.clear();
    emulator.requests.length = 0;
  });

  for (const vendor of VENDORS) {
    it(`${vendor}: fetches every page of the range, exactly once each, newest first`, async () => {
      const pageSize = vendor === 'descope' ? undefined : 50;
      const { events, updates } = await collect([emulatorTarget(emulator, vendor)], WHOLE, { http, now: () => NOW, pageSize: { [vendor]: pageSize } });
      const done = updates.find((u) => u.kind === 'done');
      assert.ok(done && done.kind === 'done');
      assert.equal(done.summary.connections[0]?.error, undefined);
      assert.equal(events.length, COUNT);
      assertNewestFirstAndUnique(events);
      assert.ok(events.every((e) => e.vendor === vendor && typeof e.raw === 'object'));
      assert.equal(done.summary.connections[0]?.complete, true);
    });
  }

  it('zluri: splits a 20-day range into windows of at most 7 days', async () => {
    await collect([emulatorTarget(emulator, 'zluri')], WHOLE, { http, now: () => NOW });
    const spans = emulator.requests.map((r) => Date.parse(r.query.end_date as string) - Date.parse(r.query.start_date as string));
    assert.ok(spans.length >= 3, `expected several windows, got ${spans.length}`);
    assert.ok(spans.every((ms) => ms <= 7 * DAY), 'a window longer than 7 days was sent');
  });

  it('keeps the events of two connections of one vendor apart, even when their ids repeat (two Surfsight regions)', async () => {
    const eu = await startEmulator({
      now: () => NOW,
      data: { now: NOW, window: WINDOW, counts: { surfsight: 300 }, seed: 7 },
    });
    try {
      const us = { ...emulatorTarget(emulator, 'surfsight'), connection: { ...emulatorTarget(emulator, 'surfsight').connection, id: 'surfsight-us' } };
      const euTarget = emulatorTarget(eu, 'surfsight');
      const euT = { ...euTarget, connection: { ...euTarget.connection, id: 'surfsight-eu' } };
      const alone = async (target: typeof us): Promise<AuditEvent[]> => (await collect([target], WHOLE, { http, now: () => NOW })).events;
      const usEvents = await alone(us);
      const euEvents = await alone(euT);
      const usIds = new Set(usEvents.map((e) => e.id));
      assert.ok(euEvents.some((e) => usIds.has(e.id)), 'the two regions share ids, as auto-increment ids do');
      const both = await collect([us, euT], WHOLE, { http, now: () => NOW });
      assert.equal(both.events.length, usEvents.length + euEvents.length);
      const done = both.updates.find((u) => u.kind === 'done');
      assert.ok(done?.kind === 'done');
      assert.deepEqual(done.summary.connections.map((c) => [c.connectionId, c.events, c.notices]), [
        ['surfsight-us', usEvents.length, []], ['surfsight-eu', euEvents.length, []],
      ]);
    } finally {
      await eu.close();
    }
  });

  describe('while new events arrive (Perfecto shows them about an hour late, newest first)', () => {
    const MINUTE = 60_000;
    const QUERY2H: AuditQuery = { from: new Date(NOW - 2 * HOUR).toISOString(), to: new Date(NOW).toISOString() };
    let clock = NOW;
    let arriving: Emulator;
    let target: ReturnType<typeof emulatorTarget>;
    /** What Perfecto shows at NOW: every event up to an hour before it. */
    let visibleAtStart: AuditEvent[];

    before(async () => {
      arriving = await startEmulator({
        now: () => clock,
        data: { now: NOW + HOUR, window: { fromMs: NOW - 5 * HOUR, toMs: NOW + HOUR }, counts: { perfecto: 24_000 } },
      });
      target = emulatorTarget(arriving, 'perfecto');
      visibleAtStart = (await collect([target], QUERY2H, { http, pageSize: { perfecto: 1000 }, now: () => NOW })).events;
    });
    after(() => arriving.close());
    beforeEach(() => {
      clock = NOW;
      arriving.faults.clear();
    });
    const missing = (events: AuditEvent[]): string[] => {
      const got = new Set(events.map((e) => e.id));
      return visibleAtStart.filter((e) => !got.has(e.id)).map((e) => e.time);
    };

    it('parallel pages answered out of order lose nothing: the newest part of the range is paged one page at a time', async () => {
      let answered = 0;
      arriving.faults.add({ vendor: 'perfecto', skip: 1, times: 1, fault: { kind: 'latency', ms: 300 } });
      const { events, updates } = await collect([target], QUERY2H, { http, pageSize: { perfecto: 50 }, concurrency: 4, now: () => NOW }, (u) => {
        if (u.kind === 'page' && ++answered === 3) clock = NOW + 30_000; // events arrive while page 2 is delayed
      });
      assert.deepEqual(missing(events), []);
      assert.deepEqual(updates.flatMap((u) => (u.kind === 'notice' ? [u.message] : [])), [
        `Perfecto makes audit events searchable about an hour after they happen: events after ${new Date(NOW - HOUR).toISOString()} may not be there yet.`,
      ]);
    });

    it('a reader that pauses while pages of new events arrive still gets everything: repeated pages do not stop the live part', async () => {
      const events: AuditEvent[] = [];
      let pages = 0;
      for await (const update of search([target], QUERY2H, { http, pageSize: { perfecto: 50 }, now: () => NOW })) {
        if (update.kind !== 'page') continue;
        events.push(...update.events);
        if (++pages === 3) clock = NOW + 5 * MINUTE; // the panel paused; "load more" comes five minutes later
      }
      assert.deepEqual(missing(events), []);
    });
  });

  it('applies filters the vendor cannot apply locally, and says so', async () => {
    const { events, updates } = await collect([emulatorTarget(emulator, 'zluri')], { ...WHOLE, status: 'failure' }, { http, now: () => NOW });
    const done = updates.find((u) => u.kind === 'done');
    assert.ok(done?.kind === 'done');
    assert.deepEqual(done.summary.connections[0]?.localFilters, ['status']);
    assert.ok(events.length > 0 && events.length < COUNT);
    assert.ok(events.every((e) => e.status === 'failure'));
  });

  it('reports a total of matching events only when nothing is filtered locally', async () => {
    const totals = async (query: AuditQuery): Promise<Array<number | undefined>> => {
      const seen: Array<number | undefined> = [];
      await collect([emulatorTarget(emulator, 'zluri')], query, { http, now: () => NOW }, (u) => {
        if (u.kind === 'page') seen.push(u.progress.total);
      });
      return seen;
    };
    assert.ok((await totals({ ...WHOLE, status: 'failure' })).every((t) => t === undefined));
    const plain = await totals(WHOLE);
    assert.equal(plain.at(-1), COUNT);
  });

  it('sends server-side filters to the vendor instead of filtering locally', async () => {
    const { events, updates } = await collect([emulatorTarget(emulator, 'perfecto')], { ...WHOLE, status: 'failure' }, { http, now: () => NOW });
    const done = updates.find((u) => u.kind === 'done');
    assert.ok(done?.kind === 'done');
    assert.deepEqual(done.summary.connections[0]?.localFilters, []);
    assert.equal((emulator.requests[0]?.body as Record<string, unknown>).status, 'FAILURE');
    assert.ok(events.length > 0 && events.every((e) => e.status === 'failure'));
  });

  it('honours a limit, keeping the newest events', async () => {
    const all = (await collect([emulatorTarget(emulator, 'axp')], WHOLE, { http, now: () => NOW })).events;
    const { events } = await collect([emulatorTarget(emulator, 'axp')], { ...WHOLE, limit: 10 }, { http, now: () => NOW });
    assert.deepEqual(events.map((e) => e.id), all.slice(0, 10).map((e) => e.id));
  });

  it('fans out to every vendor and merges a shared trace id into one timeline', async () => {
    const traceId = emulator.dataset.sharedTraces[0]?.traceId as string;
    const { events, updates } = await collect(allTargets(emulator), { ...WHOLE, traceId }, { http, now: () => NOW });
    const skipped = updates.flatMap((u) => (u.kind === 'notice' && /records no trace ids/.test(u.message) ? [u.vendor] : [])).sort();
    assert.deepEqual(skipped, ['axp', 'descope', 'zluri']);
    const done = updates.find((u): u is Extract<SearchUpdate, { kind: 'done' }> => u.kind === 'done');
    const filteredHere = (done?.summary.connections ?? []).filter((c) => c.localFilters.length > 0).map((c) => c.vendor).sort();
    assert.deepEqual(filteredHere, ['surfsight'], 'only a connection that fetched filtered anything itself');
    assert.ok(emulator.requests.every((r) => r.vendor === 'perfecto' || r.vendor === 'surfsight'), 'vendors without trace ids were fetched');
    const vendors = new Set(events.map((e) => e.vendor));
    assert.ok(vendors.has('perfecto') && vendors.has('surfsight'), `trace found only in ${[...vendors].join(', ')}`);
    assert.ok(events.every((e) => e.traceId === traceId));
    assertNewestFirstAndUnique(events);
  });

  it('keeps other connections going when one refuses its credential', async () => {
    const targets = [emulatorTarget(emulator, 'perfecto', 'wrong-token'), emulatorTarget(emulator, 'zluri')];
    const { events, updates } = await collect(targets, WHOLE, { http, now: () => NOW });
    const error = updates.find((u): u is Extract<SearchUpdate, { kind: 'error' }> => u.kind === 'error');
    assert.equal(error?.error.reason, 'auth');
    assert.equal(error?.connectionId, 'test-perfecto');
    assert.ok(!error?.error.message.includes('wrong-token'));
    assert.equal(events.length, COUNT);
    assert.ok(events.every((e) => e.vendor === 'zluri'));
  });

  it('retries a 503 in the middle of paging without skipping or doubling a page', async () => {
    emulator.faults.add({ vendor: 'perfecto', skip: 2, times: 1, fault: { kind: 'status', status: 503 } });
    emulator.faults.add({ vendor: 'perfecto', skip: 5, times: 1, fault: { kind: 'reset-mid-body' } });
    const { events } = await collect([emulatorTarget(emulator, 'perfecto')], WHOLE, { http, now: () => NOW, pageSize: { perfecto: 50 } });
    assert.equal(events.length, COUNT);
    assertNewestFirstAndUnique(events);
  });

  it('keeps what was fetched when a page fails for good', async () => {
    // Request 1 is the range's last 10 minutes (no events here), then three pages of 50; the fifth fails.
    emulator.faults.add({ vendor: 'surfsight', skip: 4, fault: { kind: 'status', status: 500, body: { message: 'Internal server error' } } });
    const pages: AuditEvent[] = [];
    let failure: SearchUpdate | undefined;
    for await (const update of search([emulatorTarget(emulator, 'surfsight')], WHOLE, { http, now: () => NOW, concurrency: 1, pageSize: { surfsight: 50 } })) {
      if (update.kind === 'page') pages.push(...update.events);
      if (update.kind === 'error') failure = update;
    }
    assert.equal(pages.length, 150);
    assert.ok(failure?.kind === 'error' && failure.error.reason === 'server');
  });

  it('fills AXP change diffs from consecutive snapshots of the same object', async () => {
    const { events } = await collect([emulatorTarget(emulator, 'axp')], WHOLE, { http, now: () => NOW });
    const updated = events.filter((e) => e.action === 'UPDATED' && e.changes.some((c) => c.old !== null));
    assert.ok(updated.length > 0, 'no AXP update carries an old value');
    for (const change of updated[0]?.changes ?? []) assert.notDeepEqual(change.old, change.new);
  });

  it('diffs two AXP snapshots at the same millisecond in listing order, even when the later page arrives first', async () => {
    const at = (day: number) => new Date(NOW - day * DAY).toISOString();
    const snapshot = (date: string, state: number) => ({ date, event: 'UPDATED', author: 'ann@example.com', type: 'QUEUE', auditData: { queueId: 'q-tie', state } });
    // Newest first, two a page: states 2 and 1 share a millisecond, on pages 2 and 3.
    const listing = [snapshot(at(6), 5), snapshot(at(7), 4), snapshot(at(8), 3), snapshot(at(9), 2), snapshot(at(9), 1)];
    for (let page = 0; page < 3; page++) {
      const body = JSON.stringify({ auditRecords: listing.slice(page * 2, page * 2 + 2), pagination: { pageNumber: page + 1, pageSize: 2, total: listing.length } });
      emulator.faults.add({ vendor: 'axp', query: { pageNumber: String(page + 1) }, fault: { kind: 'raw-body', body, contentType: 'application/json' } });
    }
    // Page 2 is held back, so page 3 (the older snapshot) is linked first.
    emulator.faults.add({ vendor: 'axp', query: { pageNumber: '2' }, fault: { kind: 'latency', ms: 1000 } });
    const answered: string[] = [];
    const noting: HttpClient = {
      send: async (request) => {
        const response = await http.send(request);
        answered.push(new URL(request.url).searchParams.get('pageNumber') ?? '');
        return response;
      },
      close: () => http.close(),
    };
    const { events } = await collect([emulatorTarget(emulator, 'axp')], { from: at(10), to: at(5) }, { http: noting, now: () => NOW, concurrency: 2, pageSize: { axp: 2 } });
    assert.deepEqual(answered, ['1', '3', '2'], 'the test needs page 3 answered before page 2');
    const changesOf = (state: number) => events.find((e) => (e.raw.auditData as { state: number }).state === state)?.changes;
    assert.deepEqual(changesOf(2), [{ field: 'state', old: 1, new: 2 }]);
    assert.deepEqual(changesOf(1), [], 'the oldest snapshot fetched has nothing to compare');
    assert.deepEqual(changesOf(3), [{ field: 'state', old: 2, new: 3 }]);
  });

  it('narrows Descope searches to its 30-day reach and says so', async () => {
    const notices: string[] = [];
    const query = { from: new Date(NOW - 45 * DAY).toISOString(), to: new Date(NOW).toISOString() };
    await collect([emulatorTarget(emulator, 'descope')], query, { http, now: () => NOW }, (u) => {
      if (u.kind === 'notice') notices.push(u.message);
    });
    assert.ok(notices.some((n) => /30 days/.test(n)), notices.join(' | '));
    const sentFrom = Number((emulator.requests[0]?.body as Record<string, unknown>).from);
    assert.ok(sentFrom >= NOW - 30 * DAY);
  });

  it('fetches only as fast as the consumer reads (pausing stops requests)', async () => {
    const run = search([emulatorTarget(emulator, 'perfecto')], WHOLE, { http, now: () => NOW, concurrency: 2, pageSize: { perfecto: 20 } });
    const first = await run.next();
    assert.equal(first.value?.kind, 'notice', 'Perfecto says first that its newest hour may not be searchable yet');
    assert.equal((await run.next()).value?.kind, 'page');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = emulator.requests.length;
    assert.ok(sent < Math.ceil(COUNT / 20), `${sent} requests sent while paused`);
    await run.return(undefined);
  });

  it('cancels mid-page and frees the connection', async () => {
    const idle = emulator.openSockets; // keep-alive sockets of earlier tests
    emulator.faults.add({ vendor: 'perfecto', fault: { kind: 'hang' } });
    const controller = new AbortController();
    const run = collect([emulatorTarget(emulator, 'perfecto')], WHOLE, { http, signal: controller.signal, now: () => NOW });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(emulator.openSockets > 0);
    controller.abort();
    const { updates } = await run;
    const done = updates.find((u) => u.kind === 'done');
    assert.ok(done?.kind === 'done' && done.summary.cancelled);
    for (let i = 0; i < 50 && emulator.openSockets > idle; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(emulator.openSockets <= idle, `${emulator.openSockets - idle} sockets left open`);
  });
});
