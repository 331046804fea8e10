import * as assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget } from '../search/fixtures';
import { assertUnique, DAY, delay, eventually, fastClient, HOUR, NOW, PAGE, runSearch, startReliabilityEmulator } from './harness';

/** Ends where the events do, before the part of a range paged one page at a time (`search/windows.ts`). */
const LONG = { from: new Date(NOW - 20 * DAY).toISOString(), to: new Date(NOW - 2 * HOUR).toISOString() };
const POSITIVE = /^[1-9]\d*$/;

/** Row 8 (vendor limits, asserted on what the emulator received) and row 9 (a response far over the size cap). */
describe('reliability 8 and 9: vendor limits and the size cap through the search engine', function () {
  this.timeout(20_000);
  let emulator: Emulator;

  before(async () => {
    emulator = await startReliabilityEmulator({
      rateLimits: true, // the emulator answers 429 past each vendor's documented budget
      data: { now: NOW, window: { fromMs: NOW - 19 * DAY, toMs: NOW - 2 * HOUR }, counts: { perfecto: 60, axp: 180, descope: 120, surfsight: 130, zluri: 420 } },
    });
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.requests.length = 0;
  });

  it('AXP: a page size setting of 500 still sends pageSize ≤ 50 and gets every record', async () => {
    const http = fastClient();
    try {
      const run = await runSearch([emulatorTarget(emulator, 'axp')], { http, pageSize: { axp: 500 } }, LONG);
      assert.deepEqual(run.errors, []);
      assert.equal(run.events.length, 180);
      assertUnique(run.events);
      assert.ok(emulator.requests.length >= 4);
      for (const request of emulator.requests) assert.ok(Number(request.query.pageSize) <= 50 && Number(request.query.pageSize) >= 1, `pageSize ${request.query.pageSize}`);
    } finally {
      await http.close();
    }
  });

  it('Zluri: 20 days go out as windows of at most 7 days with page_size ≤ 100, and nothing is lost', async () => {
    const http = fastClient();
    try {
      const run = await runSearch([emulatorTarget(emulator, 'zluri')], { http, pageSize: { zluri: 1000 } }, LONG);
      assert.deepEqual(run.errors, []);
      assert.equal(run.events.length, 420);
      assertUnique(run.events);
      const starts = new Set<string>();
      for (const request of emulator.requests) {
        const span = Date.parse(request.query.end_date as string) - Date.parse(request.query.start_date as string);
        assert.ok(span > 0 && span <= 7 * DAY, `a ${span / DAY}-day window was sent`);
        assert.ok(Number(request.query.page_size) >= 1 && Number(request.query.page_size) <= 100, `page_size ${request.query.page_size}`);
        starts.add(request.query.start_date as string);
      }
      assert.equal(starts.size, 3, 'the range was not split into three windows');
    } finally {
      await http.close();
    }
  });

  it('Descope: at most 10 searches a minute; the 11th waits, says so, and cancelling the wait sends nothing', async () => {
    const http = fastClient();
    try {
      const controller = new AbortController();
      const notices: string[] = [];
      const running = runSearch([emulatorTarget(emulator, 'descope')], { http, signal: controller.signal, pageSize: { descope: PAGE } }, LONG, (update) => {
        if (update.kind === 'notice') notices.push(update.message);
      });
      assert.ok(await eventually(() => notices.some((n) => n.startsWith('Descope allows 10 requests per 60 s'))), notices.join(' | '));
      await delay(100);
      assert.equal(emulator.requests.length, 10, 'the rate limit was not respected before the wait');
      controller.abort();
      const run = await running;
      assert.deepEqual(run.errors, [], 'the emulator answered 429 or the cancel was an error');
      assert.equal(run.summary.cancelled, true);
      assert.equal(run.events.length, 10 * PAGE);
      assert.match(notices.find((n) => n.startsWith('Descope allows')) ?? '', /^Descope allows 10 requests per 60 s: waiting \d+ s before the next page\.$/);
      assert.equal(emulator.requests.length, 10);
    } finally {
      await http.close();
    }
  });

  for (const size of [0, 1, PAGE, 5000]) {
    it(`Surfsight: start and end always present; limit and offset never 0 (page size setting ${size})`, async () => {
      const http = fastClient();
      try {
        const query = size === 1 ? { from: new Date(NOW - 3 * DAY).toISOString(), to: LONG.to } : LONG;
        const run = await runSearch([emulatorTarget(emulator, 'surfsight')], { http, pageSize: { surfsight: size } }, query);
        assert.deepEqual(run.errors, []);
        assertUnique(run.events);
        assert.ok(emulator.requests.length >= 1);
        for (const { query: sent } of emulator.requests) {
          assert.ok(sent.start && !Number.isNaN(Date.parse(sent.start)), 'start missing');
          assert.ok(sent.end && !Number.isNaN(Date.parse(sent.end)), 'end missing');
          assert.match(sent.limit ?? '', POSITIVE);
          if (sent.offset !== undefined) assert.match(sent.offset, POSITIVE);
        }
        if (size !== 1) assert.equal(run.events.length, 130);
      } finally {
        await http.close();
      }
    });
  }

  it('a response far over the size cap stops with "too-large", keeps the pages fetched and frees the socket', async () => {
    emulator.faults.add({ vendor: 'perfecto', skip: 1, fault: { kind: 'huge', bytes: 8 * 1024 * 1024 } });
    const http = fastClient({ maxResponseBytes: 256 * 1024 });
    try {
      const run = await runSearch([emulatorTarget(emulator, 'perfecto')], { http, pageSize: { perfecto: PAGE }, concurrency: 1 }, LONG);
      assert.equal(run.errors.length, 1);
      const { error } = run.errors[0]!;
      assert.equal(error.reason, 'too-large');
      assert.equal(error.vendor, 'perfecto');
      assert.match(error.message, /^The response from Perfecto at 127\.0\.0\.1:\d+ is larger than the 256(\.0)? kB limit, so the download was stopped\. Search a shorter time range; in VS Code, a smaller page size for this vendor \(setting auditLens\.pageSize\) also helps\.$/);
      assert.equal(run.events.length, PAGE);
      assert.equal(emulator.requests.length, 2, 'a too-large page was retried');
    } finally {
      await http.close();
    }
  });

  for (const vendor of ['axp', 'descope', 'surfsight', 'zluri'] as const) {
    it(`${vendor}: a first page far over the size cap is refused with a clear message and its socket freed`, async () => {
      emulator.faults.add({ vendor, fault: { kind: 'huge', bytes: 4 * 1024 * 1024 } });
      const http = fastClient({ maxResponseBytes: 128 * 1024 });
      try {
        const run = await runSearch([emulatorTarget(emulator, vendor)], { http }, { from: new Date(NOW - 3 * DAY).toISOString(), to: LONG.to });
        assert.equal(run.errors[0]?.error.reason, 'too-large');
        assert.match(run.errors[0]?.error.message ?? '', /is larger than the 128(\.0)? kB limit, so the download was stopped/);
        assert.ok(await eventually(() => emulator.openSockets === 0, 1000), `${emulator.openSockets} sockets open`);
      } finally {
        await http.close();
      }
    });
  }
});
