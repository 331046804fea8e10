import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditLensError, isAuditLensError } from '../../../src/core/errors';
import type { AuditQuery, Connection, Credentials } from '../../../src/core/model';
import { buildHttpRequest } from '../../../src/core/search/requestBuilder';
import { planWindows } from '../../../src/core/search/windows';
import type { PageCursor, TimeWindow } from '../../../src/core/vendors/adapter';
import { zluriAdapter } from '../../../src/core/vendors/zluri/adapter';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import { Emulator } from '../../../src/emulator/server';
import { generate } from '../../../src/emulator/vendors/zluri/records';
import { zluriRoute } from '../../../src/emulator/vendors/zluri/route';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2025, 11, 4, 12, 0, 0);
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const CREDENTIALS = EMULATOR_CREDENTIALS.zluri;
const CURSOR: PageCursor = { window: { from: '2024-02-02T08:12:05.533Z', to: '2024-02-09T08:12:05.533Z' }, index: 0, size: 100 };

interface Sent {
  status: number;
  headers: Headers;
  body: unknown;
  url: URL;
}

async function get(url: string, credentials: Credentials = CREDENTIALS): Promise<Sent> {
  const response = await fetch(url, { headers: { 'api-key': credentials.token } });
  return { status: response.status, headers: response.headers, body: await response.json(), url: new URL(url) };
}

/** The adapter's request for this page, with some query parameters replaced. */
function pageUrl(connection: Connection, query: AuditQuery, cursor: PageCursor, replace: Record<string, string> = {}): string {
  const url = new URL(buildHttpRequest(zluriAdapter, connection, CREDENTIALS, query, cursor).url);
  for (const [key, value] of Object.entries(replace)) url.searchParams.set(key, value);
  return url.href;
}

function rangeQuery(fromMs: number, toMs: number, filters: Partial<AuditQuery> = {}): AuditQuery {
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), ...filters };
}

/** Items shaped like the seed's samples (`Zluri Demo test` logging in, a rule, a license request). */
function loginItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: '65c098acec4db36d831b05e6',
    actor: 'user',
    actor_id: '605072ae40973f002d004cc6',
    actor_name: 'Zluri Demo test',
    actor_role: 'admin',
    entity: 'users',
    event: 'user_login',
    event_description: '<b>Zluri Demo test</b> was loggedIn on <b>2/5/2024, 8:12:31 AM</b>',
    event_timestamp: '2024-02-05T08:12:31.517Z',
    event_title: '<b>Zluri Demo test</b> was loggedIn',
    event_type: 'login',
    ...overrides,
  };
}

function ruleItem(): Record<string, unknown> {
  return loginItem({
    _id: '65c0a161bc3106ce3e87d8ec', actor: 'automationrule', actor_id: '65b7a0daf65df6c899ed18e5',
    actor_name: 'App rule for Jira', actor_role: null, entity: 'automationrules', event: 'rule_triggered',
    event_description: 'Rule: <b>App rule for Jira</b> was triggered successfully.',
    event_timestamp: '2024-02-05T08:50:41.389Z', event_title: 'Rule triggered', event_type: 'misc',
  });
}

function licenseItem(): Record<string, unknown> {
  return loginItem({
    _id: '65c0a15fe7423aff0d844848', entity: 'requests', event: 'license_requested',
    event_description: '<b></b> license of <b>Jira</b> was requested by <b>Zluri Demo test</b> on <b>02/05/2024, 08:49:38</b>',
    event_timestamp: '2024-02-05T08:49:38.156Z', event_title: '<b></b> license of <b>Jira</b> is requested', event_type: 'created',
  });
}

describe('Zluri adapter against the emulator', () => {
  let emulator: Emulator;
  let connection: Connection;

  before(async () => {
    emulator = await Emulator.start({
      routes: [zluriRoute],
      data: { window: { fromMs: NOW - 20 * DAY, toMs: NOW }, counts: { zluri: 1500 } },
      now: () => NOW,
      rateLimits: false,
    });
    connection = { id: 'zluri-test', label: 'Zluri', vendor: 'zluri', baseUrl: emulator.baseUrl('zluri') };
  });

  after(async () => {
    await emulator.close();
  });

  function truth(fromMs: number, toMs: number): string[] {
    return emulator.dataset.records('zluri', generate)
      .filter((stored) => stored.ms >= fromMs && stored.ms <= toMs)
      .map((stored) => stored.item._id);
  }

  async function fetchWindow(query: AuditQuery, window: TimeWindow): Promise<string[]> {
    const size = zluriAdapter.limits.defaultPageSize;
    const ids: string[] = [];
    const first = await get(pageUrl(connection, query, { window, index: 0, size }));
    const firstPage = zluriAdapter.parsePage(first.body, { window, index: 0, size });
    ids.push(...firstPage.events.map((event) => event.id));
    const pages = Math.ceil((firstPage.total ?? 0) / size);
    // The total is known after the first page: the rest may go in parallel, as the adapter declares.
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, async (_, i) => {
      const cursor = { window, index: i + 1, size };
      return zluriAdapter.parsePage((await get(pageUrl(connection, query, cursor))).body, cursor);
    }));
    for (const page of rest) ids.push(...page.events.map((event) => event.id));
    assert.equal(ids.length, firstPage.total);
    return ids;
  }

  it('pages a 20-day range in 7-day windows and gets every event exactly once', async () => {
    assert.equal(zluriAdapter.limits.maxWindowMs, 7 * DAY);
    assert.equal(zluriAdapter.limits.parallelPages, true);
    const query = rangeQuery(NOW - 20 * DAY, NOW);
    const { windows } = planWindows(query, zluriAdapter.limits, NOW, 'Zluri');
    // Three 7-day spans, the newest split where events may still be arriving (paged one page at a time).
    assert.deepEqual(windows.map((w) => w.live ?? false), [true, false, false, false]);
    const before = emulator.requests.length;
    const all = new Set<string>();
    for (const window of windows) {
      const ids = await fetchWindow(query, window);
      assert.equal(new Set(ids).size, ids.length, 'no duplicates within a window');
      for (const id of ids) all.add(id);
    }
    assert.deepEqual(all, new Set(truth(NOW - 20 * DAY, NOW)));
    assert.equal(all.size, 1500);
    for (const entry of emulator.requests.slice(before)) {
      assert.equal(entry.path, '/ext/v1/audit/list');
      assert.ok(Number(entry.query.page) >= 1, 'pages are 1-based');
      assert.ok(Date.parse(entry.query.end_date as string) - Date.parse(entry.query.start_date as string) <= 7 * DAY);
    }
  });

  it('silently narrows one longer request to the 7 days before end_date (the trap windows avoid)', async () => {
    const query = rangeQuery(NOW - 20 * DAY, NOW);
    const window = { from: query.from, to: query.to };
    const { status, body } = await get(pageUrl(connection, query, { window, index: 0, size: 100 }));
    assert.equal(status, 200);
    const envelope = body as { count: number; start_date: string; end_date: string };
    assert.equal(envelope.start_date, new Date(NOW - 7 * DAY).toISOString());
    assert.equal(envelope.end_date, new Date(NOW).toISOString());
    assert.equal(envelope.count, truth(NOW - 7 * DAY, NOW).length);
    assert.ok(envelope.count < truth(NOW - 20 * DAY, NOW).length, 'events were lost without an error');
  });

  it('sends snake_case paging and dates, and no filters', async () => {
    const query = rangeQuery(NOW - DAY, NOW, {
      actor: 'Bob Smith', action: 'user_login', resourceType: 'users', resourceId: 'x', status: 'success', traceId: 't', text: 'Jira',
    });
    assert.equal(zluriAdapter.serverFilters(query).size, 0);
    const url = new URL(pageUrl(connection, query, { window: { from: query.from, to: query.to }, index: 4, size: 25 }));
    assert.equal(url.pathname, '/zluri/ext/v1/audit/list');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      page: '5', page_size: '25', start_date: new Date(NOW - DAY).toISOString(), end_date: new Date(NOW).toISOString(),
    });
    const request = buildHttpRequest(zluriAdapter, connection, CREDENTIALS, query, { window: { from: query.from, to: query.to }, index: 0, size: 100 });
    assert.equal(request.headers['api-key'], CREDENTIALS.token);
    assert.equal(request.body, undefined);
  });

  it('serves each page oldest first, as the vendor\'s sample does, with plain-text descriptions', async () => {
    const query = rangeQuery(NOW - 2 * DAY, NOW);
    const window = { from: query.from, to: query.to };
    const { body } = await get(pageUrl(connection, query, { window, index: 0, size: 100 }));
    const { events, warnings } = zluriAdapter.parsePage(body, { window, index: 0, size: 100 });
    assert.deepEqual(warnings, []);
    assert.ok(events.length > 10);
    const times = events.map((event) => event.time);
    assert.deepEqual(times, [...times].sort());
    for (const event of events) {
      assert.ok(event.description && !/[<>]/.test(event.description), `no markup in "${event.description}"`);
      assert.ok((event.raw.event_description as string).includes('<b>'), 'the raw record keeps the vendor HTML');
      assert.deepEqual(event.changes, []);
      assert.equal(event.traceId, null);
    }
  });

  const BAD: readonly [string, Record<string, string>, string][] = [
    ['page < 1', { page: '0' }, 'The page parameter must be equal to or greater than 1.'],
    ['page_size < 1', { page_size: '0' }, 'The page_size parameter must be equal to or greater than 1.'],
    ['page_size > 100', { page_size: '101' }, 'The page_size parameter must be equal to or less than 100.'],
    ['a start_date that is no ISO date', { start_date: 'last tuesday' }, 'The start_date parameter must be of ISO 8601 format'],
    ['an end_date that is no ISO date', { end_date: '12/04/2025' }, 'The end_date parameter must be of ISO 8601 format'],
    ['end_date before start_date', { start_date: '2025-12-04T00:00:00.000Z', end_date: '2025-12-03T00:00:00.000Z' },
      'The end_date parameter must be a date later than the start_date.'],
  ];
  for (const [name, replace, message] of BAD) {
    it(`rejects ${name} with Zluri's 400 body, read by parseError`, async () => {
      const query = rangeQuery(NOW - DAY, NOW);
      const { status, body } = await get(pageUrl(connection, query, { window: { from: query.from, to: query.to }, index: 0, size: 100 }, replace));
      assert.equal(status, 400);
      assert.deepEqual(body, { code: 'MISC', errors: [{ msg: message }] });
      assert.deepEqual(zluriAdapter.parseError(status, body), { message, supportRef: undefined });
    });
  }

  it('refuses a wrong api-key with a 401 that parseError reads', async () => {
    const query = rangeQuery(NOW - DAY, NOW);
    const { status, body } = await get(pageUrl(connection, query, { window: { from: query.from, to: query.to }, index: 0, size: 10 }), { token: 'not-the-key' });
    assert.equal(status, 401);
    assert.deepEqual(zluriAdapter.parseError(status, body), { message: 'Invalid or missing api-key', supportRef: 'UNAUTHORIZED' });
  });
});

describe('Zluri rate limit', () => {
  let emulator: Emulator;
  let clock = NOW;

  before(async () => {
    emulator = await Emulator.start({
      routes: [zluriRoute],
      data: { window: { fromMs: NOW - DAY, toMs: NOW }, counts: { zluri: 20 } },
      now: () => clock,
    });
  });

  after(async () => {
    await emulator.close();
  });

  it('allows 100 requests a minute per key, then 429 with retry-after and RATE_LIMIT_EXCEEDED', async () => {
    assert.deepEqual(zluriAdapter.limits.rateLimit, { requests: 100, perMs: 60_000 });
    const url = `${emulator.baseUrl('zluri')}/ext/v1/audit/list`;
    for (let i = 0; i < 100; i++) {
      clock = NOW + i * 100;
      assert.equal((await get(url)).status, 200);
    }
    clock = NOW + 30_000;
    const limited = await get(url);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '30');
    assert.equal((limited.body as { code: string }).code, 'RATE_LIMIT_EXCEEDED');
    const info = zluriAdapter.parseError(429, limited.body);
    assert.equal(info?.supportRef, 'RATE_LIMIT_EXCEEDED');
    assert.match(info?.message ?? '', /at most 100 a minute/);
    clock = NOW + 60_001;
    assert.equal((await get(url)).status, 200);
  });
});

describe('Zluri adapter, offline', () => {
  const connection: Connection = { id: 'z', label: 'Zluri', vendor: 'zluri', baseUrl: 'https://api-ext.zluri.com' };

  it('refuses an empty API key with a config error', () => {
    assert.throws(() => zluriAdapter.authHeaders(connection, { token: '  ' }), (error: unknown) =>
      isAuditLensError(error) && error.reason === 'config');
  });

  it('normalizes the seed\'s login record', () => {
    const raw = loginItem();
    const page = zluriAdapter.parsePage({ count: 3460, items: [raw], page: 1, page_size: 30 }, CURSOR);
    assert.equal(page.total, 3460);
    assert.equal(page.recordCount, 1);
    const [event] = page.events;
    assert.ok(event);
    assert.equal(event.id, '65c098acec4db36d831b05e6');
    assert.equal(event.time, '2024-02-05T08:12:31.517Z');
    assert.deepEqual(event.actor, { id: '605072ae40973f002d004cc6', name: 'Zluri Demo test', type: 'user', role: 'admin' });
    assert.equal(event.action, 'user_login');
    assert.deepEqual(event.resource, { type: 'users', id: null, name: null });
    assert.equal(event.status, 'success');
    assert.equal(event.description, 'Zluri Demo test was loggedIn on 2/5/2024, 8:12:31 AM');
    assert.equal(event.raw, raw);
  });

  it('normalizes the seed\'s rule and license records, empty <b></b> included', () => {
    const page = zluriAdapter.parsePage({ count: 2, items: [ruleItem(), licenseItem()] }, CURSOR);
    assert.deepEqual(page.warnings, []);
    const [rule, license] = page.events;
    assert.deepEqual(rule?.actor, { id: '65b7a0daf65df6c899ed18e5', name: 'App rule for Jira', type: 'automationrule', role: null });
    assert.equal(rule?.description, 'Rule: App rule for Jira was triggered successfully.');
    assert.equal(license?.description, 'license of Jira was requested by Zluri Demo test on 02/05/2024, 08:49:38');
    assert.equal(license?.resource.type, 'requests');
  });

  it('reduces hostile-looking HTML to text and falls back to the title', () => {
    const page = zluriAdapter.parsePage({ items: [
      loginItem({ event_description: '<img src=x onerror="alert(1)"><b>Eve</b> &amp; <script>steal()</script> done' }),
      loginItem({ _id: 'b', event_description: '', event_title: '<i>Rule</i> triggered' }),
      loginItem({ _id: 'c', event: 'connect_error' }),
    ] }, CURSOR);
    assert.equal(page.events[0]?.description, 'Eve & steal() done');
    assert.equal(page.events[1]?.description, 'Rule triggered');
    assert.equal(page.events[2]?.status, 'failure');
  });

  it('reads {items: []} as no events and refuses bodies without items', () => {
    assert.deepEqual(zluriAdapter.parsePage({ count: 0, items: [] }, CURSOR), { events: [], warnings: [], recordCount: 0, total: 0 });
    for (const body of [null, {}, [], 'items', { items: 'none' }, { count: 3 }]) {
      assert.throws(() => zluriAdapter.parsePage(body, CURSOR), (error: unknown) =>
        error instanceof AuditLensError && error.reason === 'schema');
    }
  });

  it('keeps a drifted record among good ones, with one warning', () => {
    const drifted = loginItem({ _id: 'drifted', event_timestamp: 1707120751517, actor_role: 7 });
    const page = zluriAdapter.parsePage({ count: 3, items: [loginItem({ _id: 'a' }), drifted, ruleItem()] }, CURSOR);
    assert.deepEqual(page.events.map((event) => event.id), ['a', 'drifted', '65c0a161bc3106ce3e87d8ec']);
    assert.equal(page.warnings.length, 1);
    assert.equal(page.warnings[0]?.eventId, 'drifted');
    assert.equal(page.events[1]?.time, '2024-02-05T08:12:31.517Z', 'salvaged from epoch milliseconds');
    assert.equal(page.events[1]?.description, 'Zluri Demo test was loggedIn on 2/5/2024, 8:12:31 AM');
    assert.equal(page.events[1]?.raw, drifted);
  });

  it('reads only Zluri-shaped error bodies', () => {
    assert.deepEqual(
      zluriAdapter.parseError(400, { code: 'MISC', errors: [{ msg: 'First.' }, { msg: 'Second.' }] }),
      { message: 'First. Second.', supportRef: undefined },
    );
    for (const body of [null, 'oops', [], {}, { errors: [] }]) assert.equal(zluriAdapter.parseError(500, body), undefined);
  });

  it('parsePage on arbitrary JSON returns a page or throws a schema AuditLensError', () => {
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record({ items: fc.array(fc.jsonValue(), { maxLength: 5 }), count: fc.jsonValue() }, { requiredKeys: ['items'] }),
      fc.record({ items: fc.array(fc.record({
        _id: fc.oneof(fc.string(), fc.integer()), event: fc.oneof(fc.string(), fc.constant(null)),
        event_timestamp: fc.oneof(fc.string(), fc.integer(), fc.double()), event_description: fc.oneof(fc.string(), fc.jsonValue()),
        event_title: fc.jsonValue(),
      }, { requiredKeys: [] }), { maxLength: 5 }) }),
    );
    fc.assert(fc.property(bodies, (body) => {
      try {
        const page = zluriAdapter.parsePage(body, CURSOR);
        assert.equal(page.events.length, page.recordCount);
        for (const event of page.events) assert.ok(!Number.isNaN(Date.parse(event.time)));
      } catch (error) {
        if (!(error instanceof AuditLensError) || error.reason !== 'schema') throw error;
      }
    }), { numRuns: FUZZ_RUNS });
  });
});
