// A vendor whose paging lies (ignores the page number, reports more than it sends, repeats its
// last page): the run is marked incomplete, the shortfall counts unique records, and the
// "pages already fetched" notice is said once, however many parallel pages find it.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import type { AuditQuery } from '../../../src/core/model';
import { collect, search } from '../../../src/core/search/engine';
import type { ConnectionSummary } from '../../../src/core/search/types';
import { emulatorTarget, startFixedEmulator } from './fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2025-12-20T12:00:00.000Z');
const RECORDS = 60;
const PAGE = 10;
const QUERY: AuditQuery = { from: new Date(NOW - 5 * DAY).toISOString(), to: new Date(NOW - 2 * HOUR).toISOString() };
const STALE = 'Zluri kept returning pages already fetched; stopped paging this range.';

/** How the fake Zluri answers page `page` (1-based) of `size`: which records, and the count it claims. */
type Paging = (page: number, size: number) => { from: number; to: number; count?: number };

const honest: Paging = (page, size) => ({ from: (page - 1) * size, to: Math.min(RECORDS, page * size), count: RECORDS });
const ignoresPage: Paging = (_page, size) => ({ from: 0, to: size, count: RECORDS });
const claimsMore: Paging = (page, size) => ({ ...honest(page, size), count: 1000 });
const repeatsLastPage: Paging = (page, size) => {
  const last = Math.ceil(RECORDS / size);
  return { ...honest(Math.min(page, last), size), count: 10_000 };
};

function record(i: number): Record<string, string> {
  return {
    _id: `z-${i}`, actor: 'ann@example.com', actor_id: 'u1', actor_name: 'Ann', actor_role: 'admin', entity: 'app',
    event: 'login', event_description: 'Signed in', event_timestamp: new Date(NOW - 3 * HOUR - i * 60_000).toISOString(),
    event_title: 'Login', event_type: 'auth',
  };
}

async function fakeZluri(paging: Paging): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = Number(url.searchParams.get('page'));
    const size = Number(url.searchParams.get('page_size'));
    const { from, to, count } = paging(page, size);
    const items = [];
    for (let i = from; i < to; i++) items.push(record(i));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ...(count !== undefined ? { count } : {}), page, page_size: size, items }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zluri` };
}

interface Outcome { events: number; notices: string[]; summary: ConnectionSummary }

async function searchFake(http: HttpClient, paging: Paging): Promise<Outcome> {
  const { server, baseUrl } = await fakeZluri(paging);
  try {
    const outcome: Partial<Outcome> & { events: number; notices: string[] } = { events: 0, notices: [] };
    const target = { connection: { id: 'z', label: 'Z', vendor: 'zluri' as const, baseUrl }, credentials: { token: 'zluri-test-key' } };
    for await (const update of search([target], QUERY, { http, now: () => NOW, concurrency: 4, pageSize: { zluri: PAGE } })) {
      if (update.kind === 'page') outcome.events += update.events.length;
      else if (update.kind === 'notice') outcome.notices.push(update.message);
      else if (update.kind === 'done') outcome.summary = update.summary.connections[0];
    }
    assert.ok(outcome.summary);
    return outcome as Outcome;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('search engine: a vendor whose paging lies', function () {
  this.timeout(20_000);
  let http: HttpClient;
  before(() => {
    http = createHttpClient({ maxRetries: 0 });
  });
  after(() => http.close());

  it('an honest vendor: complete, nothing said', async () => {
    const outcome = await searchFake(http, honest);
    assert.equal(outcome.events, RECORDS);
    assert.deepEqual(outcome.notices, []);
    assert.equal(outcome.summary.complete, true);
  });

  it('ignores the page number: incomplete, the shortfall counts the 10 unique records, and the stale notice comes once', async () => {
    const outcome = await searchFake(http, ignoresPage);
    assert.equal(outcome.events, PAGE);
    assert.equal(outcome.summary.complete, false);
    assert.equal(outcome.notices.filter((n) => n === STALE).length, 1, outcome.notices.join(' | '));
    assert.ok(outcome.notices.some((n) => /reported 60 events .* but sent 10: some may be missing/.test(n)), outcome.notices.join(' | '));
  });

  it('reports 1000 but sends 60: incomplete, and says so', async () => {
    const outcome = await searchFake(http, claimsMore);
    assert.equal(outcome.events, RECORDS);
    assert.equal(outcome.summary.complete, false);
    assert.ok(outcome.notices.some((n) => /reported 1000 events .* but sent 60: some may be missing/.test(n)), outcome.notices.join(' | '));
  });

  it('repeats its last page past the end: the shortfall counts 60 unique records, not the repeats', async () => {
    const outcome = await searchFake(http, repeatsLastPage);
    assert.equal(outcome.events, RECORDS);
    assert.equal(outcome.summary.complete, false);
    assert.equal(outcome.notices.filter((n) => n === STALE).length, 1, outcome.notices.join(' | '));
    assert.ok(outcome.notices.some((n) => /reported 10000 events .* but sent 60: some may be missing/.test(n)), outcome.notices.join(' | '));
  });

  it('an event on the instant two windows share is counted in both: no shortfall said, complete', async () => {
    const emulator = await startFixedEmulator(NOW, { fromMs: NOW - 30 * DAY, toMs: NOW - 2 * HOUR }, 300);
    try {
      const target = emulatorTarget(emulator, 'zluri');
      const sample = await collect([target], { from: new Date(NOW - 6 * DAY).toISOString(), to: new Date(NOW - 3 * DAY).toISOString() }, { http, now: () => NOW });
      const boundary = Date.parse(sample.events[10]?.time ?? '');
      // Zluri's windows are 7 days long, newest first: this range's second window starts at `boundary`.
      const result = await collect([target], { from: new Date(boundary - DAY).toISOString(), to: new Date(boundary + 7 * DAY).toISOString() }, { http, now: () => NOW });
      const done = result.updates.find((u) => u.kind === 'done');
      assert.ok(done?.kind === 'done');
      assert.deepEqual(result.updates.filter((u) => u.kind === 'notice'), []);
      assert.equal(done.summary.connections[0]?.complete, true);
      assert.equal(done.summary.connections[0]?.total, result.events.length, 'the boundary event is one event in the total too');
      assert.ok(result.events.some((e) => Date.parse(e.time) === boundary), 'the boundary event is there');
    } finally {
      await emulator.close();
    }
  });
});
