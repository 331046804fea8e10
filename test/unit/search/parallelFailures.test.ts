// A page that fails while its neighbours are in flight (concurrency 4): the neighbours' events
// are delivered and counted, the error is reported once and last, and nothing is fetched after `done`.
import * as assert from 'node:assert/strict';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import type { AuditQuery, VendorId } from '../../../src/core/model';
import { search } from '../../../src/core/search/engine';
import type { SearchOptions, SearchSummary, SearchUpdate } from '../../../src/core/search/types';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget, startFixedEmulator } from './fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2025-12-20T12:00:00.000Z');
const PAGE = 10;
const COUNT = 200; // twenty full pages of ten
const QUERY: AuditQuery = { from: new Date(NOW - 6 * DAY).toISOString(), to: new Date(NOW - 2 * HOUR).toISOString() };
const PARALLEL_VENDORS: VendorId[] = ['perfecto', 'surfsight', 'axp', 'zluri'];

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('search engine: one page fails while others are in flight (concurrency 4)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let http: HttpClient;

  before(async () => {
    emulator = await startFixedEmulator(NOW, { fromMs: NOW - 5 * DAY, toMs: NOW - 2 * HOUR }, COUNT);
    http = createHttpClient({ backoffBaseMs: 5, backoffMaxMs: 20, maxRetries: 2, headersTimeoutMs: 20_000, bodyTimeoutMs: 20_000, deadlineMs: 30_000 });
  });
  after(async () => {
    await http.close();
    await emulator.close();
  });
  beforeEach(() => {
    emulator.faults.clear();
    emulator.requests.length = 0;
  });

  const requestsTo = (vendor: VendorId): number => emulator.requests.filter((r) => r.vendor === vendor).length;

  for (const vendor of PARALLEL_VENDORS) {
    it(`${vendor}: delivers the pages in flight, then reports the failure once, and fetches nothing after done`, async () => {
      // Request 3 (page 3) fails for good; the pages started beside it are slow, so they are still in flight then.
      emulator.faults.add({ vendor, skip: 2, times: 1, fault: { kind: 'status', status: 500 } });
      emulator.faults.add({ vendor, skip: 3, fault: { kind: 'latency', ms: 150 } });
      const updates: SearchUpdate[] = [];
      const options: SearchOptions = { http, now: () => NOW, concurrency: 4, pageSize: { [vendor]: PAGE } };
      for await (const update of search([emulatorTarget(emulator, vendor)], QUERY, options)) updates.push(update);
      const requestsAtDone = requestsTo(vendor);
      await delay(400);
      assert.equal(requestsTo(vendor), requestsAtDone, 'requests went on after done');

      const errors = updates.filter((u) => u.kind === 'error');
      assert.equal(errors.length, 1, 'the error is reported once');
      assert.equal(errors[0]?.kind === 'error' && errors[0].error.reason, 'server');
      const kinds = updates.map((u) => u.kind);
      assert.deepEqual(kinds.slice(-2), ['error', 'done'], 'no page comes after the error');

      const delivered = updates.flatMap((u) => (u.kind === 'page' ? u.events : []));
      // Every answered request except the failed one brought a full page: all of it must be delivered.
      assert.equal(delivered.length, (requestsAtDone - 1) * PAGE);
      assert.ok(delivered.length >= 4 * PAGE, `only ${delivered.length} events: the pages in flight beside the failure were dropped`);
      assert.equal(new Set(delivered.map((e) => e.id)).size, delivered.length);
      assert.ok(requestsAtDone < COUNT / PAGE, 'paging went on to the end of the range after the failure');
      const summary = (updates.at(-1) as { summary: SearchSummary }).summary;
      assert.equal(summary.events, delivered.length);
      assert.equal(summary.connections[0]?.events, delivered.length);
      assert.equal(summary.connections[0]?.complete, false);
    });
  }

  it('when every later page fails, reports one error and stops at the pages already started', async () => {
    emulator.faults.add({ vendor: 'surfsight', skip: 2, fault: { kind: 'status', status: 500 } });
    emulator.faults.add({ vendor: 'surfsight', fault: { kind: 'latency', ms: 30 } });
    const updates: SearchUpdate[] = [];
    for await (const update of search([emulatorTarget(emulator, 'surfsight')], QUERY, { http, now: () => NOW, concurrency: 4, pageSize: { surfsight: PAGE } })) {
      updates.push(update);
    }
    const requestsAtDone = requestsTo('surfsight');
    await delay(300);
    assert.equal(requestsTo('surfsight'), requestsAtDone, 'requests went on after done');
    assert.equal(updates.filter((u) => u.kind === 'error').length, 1);
    // Page 1, then at most one round of four workers.
    assert.ok(requestsAtDone <= 1 + 4 + 1, `${requestsAtDone} requests for a search whose pages fail`);
  });

  it('aborts the signal of its requests once the search has ended, failed or not: no work of it can outlive done', async () => {
    for (const failing of [false, true]) {
      if (!failing) emulator.faults.clear();
      else emulator.faults.add({ vendor: 'axp', skip: 2, times: 1, fault: { kind: 'status', status: 500 } });
      const signals: AbortSignal[] = [];
      const watching: HttpClient = {
        send: (request) => {
          if (request.signal) signals.push(request.signal);
          return http.send(request);
        },
        close: () => http.close(),
      };
      const kinds: string[] = [];
      for await (const update of search([emulatorTarget(emulator, 'axp')], QUERY, { http: watching, now: () => NOW, concurrency: 4, pageSize: { axp: PAGE } })) {
        kinds.push(update.kind);
      }
      assert.equal(kinds.includes('error'), failing);
      assert.ok(signals.length > 0);
      assert.ok(signals.every((signal) => signal.aborted), `a ${failing ? 'failed' : 'finished'} search left its requests' signal live`);
    }
  });

  it('a consumer that stops while the neighbours of a failed page hang ends the search at once, freeing them', async () => {
    const idle = emulator.openSockets;
    emulator.faults.add({ vendor: 'zluri', skip: 2, times: 1, fault: { kind: 'status', status: 500 } });
    emulator.faults.add({ vendor: 'zluri', skip: 3, fault: { kind: 'hang' } });
    const run = search([emulatorTarget(emulator, 'zluri')], QUERY, { http, now: () => NOW, concurrency: 4, pageSize: { zluri: PAGE } });
    const first = await run.next();
    assert.equal(first.value?.kind, 'page');
    for (let i = 0; i < 100 && requestsTo('zluri') < 5; i++) await delay(20);
    const started = Date.now();
    await run.return(undefined);
    assert.ok(Date.now() - started < 2_000, `stopping took ${Date.now() - started} ms`);
    for (let i = 0; i < 50 && emulator.openSockets > idle; i++) await delay(20);
    assert.ok(emulator.openSockets <= idle, `${emulator.openSockets - idle} hanging requests left open`);
  });
});
