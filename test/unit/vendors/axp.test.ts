import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditLensError } from '../../../src/core/errors';
import type { AuditEvent, AuditQuery, Connection, Credentials, FieldChange } from '../../../src/core/model';
import { createHttpClient } from '../../../src/core/http/client';
import { search } from '../../../src/core/search/engine';
import { buildHttpRequest } from '../../../src/core/search/requestBuilder';
import type { NormalizedPage, PageCursor } from '../../../src/core/vendors/adapter';
import { axpAdapter } from '../../../src/core/vendors/axp/adapter';
import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import { Emulator } from '../../../src/emulator/server';
import { axpRoute } from '../../../src/emulator/vendors/axp/route';

const FROM_MS = Date.parse('2025-12-01T00:00:00.000Z');
const TO_MS = Date.parse('2025-12-08T00:00:00.000Z');
const COUNT = 237;
const RANGE = { from: new Date(FROM_MS).toISOString(), to: new Date(TO_MS).toISOString() };
const PATH = `/api/admin/user/v1/accounts/${EMULATOR_AXP_ACCOUNT}/audit-records:search`;
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

// ---------------------------------------------------------------- builders (the seed's samples)

function seedProfileRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    date: '2021-11-14T09:24:05.234Z',
    event: 'CREATED',
    author: 'jsmith@example.com',
    ipAddress: '165.225.72.60',
    type: 'PROFILE',
    auditData: {
      profileId: 'W6D1JQ',
      profileName: 'Advanced',
      description: 'A profile with all the features',
      uxProfileId: '6f482dcd-54a9-445f-ba6d-8ca5ebd5261a',
      roles: ['Agent'],
      memberOfGroups: ['04703a3a-3dfb-4606-ae79-fd0fe0be3e64'],
    },
    ...overrides,
  };
}

function seedQueueRecord(): Record<string, unknown> {
  return seedProfileRecord({
    author: 'admin',
    type: 'QUEUE',
    auditData: {
      queueId: 'd62d5178-9920-415a-a5d9-066716384750',
      name: 'NA Support',
      description: 'Route enagements to support agents in the NA Region',
      timetableId: '7893b4a3-c952-43f5-87c7-8cefa1f49685',
      defaultAccountQueue: false,
      afterContactWork: true,
    },
  });
}

function seedPage(records: unknown[], total = 30): Record<string, unknown> {
  return {
    pagination: { pageNumber: 2, pageSize: 5, total },
    auditRecords: records,
    links: { next: `${PATH}?pageNumber=1&pageSize=5`, prev: `${PATH}?pageNumber=3&pageSize=5` },
  };
}

function eventOf(record: Record<string, unknown>): AuditEvent {
  const [event] = axpAdapter.parsePage(seedPage([record]), cursor(0, 5)).events;
  assert.ok(event);
  return event;
}

function cursor(index: number, size: number): PageCursor {
  return { window: RANGE, index, size };
}

// ---------------------------------------------------------------- emulator plumbing

let emulator: Emulator;
let connection: Connection;
const credentials: Credentials = EMULATOR_CREDENTIALS.axp;

async function send(query: AuditQuery, page: PageCursor, creds: Credentials = credentials, conn: Connection = connection) {
  const request = buildHttpRequest(axpAdapter, conn, creds, query, page);
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  return { status: response.status, json: (await response.json()) as unknown };
}

async function fetchPage(query: AuditQuery, index: number, size: number): Promise<NormalizedPage> {
  const { status, json } = await send(query, cursor(index, size));
  assert.equal(status, 200, JSON.stringify(json));
  return axpAdapter.parsePage(json, cursor(index, size));
}

/** Pages the way the engine does: until a short page or the total is reached. */
async function fetchAll(query: AuditQuery, size = axpAdapter.limits.defaultPageSize) {
  const events: AuditEvent[] = [];
  let pages = 0;
  let total: number | undefined;
  for (let index = 0; ; index++) {
    const page = await fetchPage(query, index, size);
    pages++;
    total = page.total;
    events.push(...page.events);
    if (page.recordCount < size || (total !== undefined && events.length >= total)) break;
  }
  return { events, pages, total };
}

/** A raw request, for what the adapter never sends (bad parameters, other credentials). */
async function rawSearch(params: Record<string, string>, body: unknown, headers: Record<string, string> = {
  appkey: credentials.appKey as string, authorization: `Bearer ${credentials.token}`,
}) {
  const url = new URL(`${emulator.baseUrl('axp')}${PATH}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function lastRequest() {
  const entry = emulator.requests.at(-1);
  assert.ok(entry);
  return entry;
}

describe('AXP adapter against the emulator', () => {
  before(async () => {
    emulator = await Emulator.start({
      routes: [axpRoute],
      data: { window: { fromMs: FROM_MS, toMs: TO_MS }, counts: { axp: COUNT } },
    });
    connection = {
      id: 'axp-test', label: 'AXP', vendor: 'axp', baseUrl: emulator.baseUrl('axp'), accountId: EMULATOR_AXP_ACCOUNT,
    };
  });
  after(async () => {
    await emulator.close();
  });

  describe('paging', () => {
    it('fetches every record exactly once, newest first, from pagination.total', async () => {
      const { events, pages, total } = await fetchAll(RANGE);
      assert.equal(total, COUNT);
      assert.equal(events.length, COUNT);
      assert.equal(new Set(events.map((event) => event.id)).size, COUNT);
      assert.equal(pages, Math.ceil(COUNT / 50));
      const times = events.map((event) => Date.parse(event.time));
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      for (const event of events) assert.ok(Date.parse(event.time) >= FROM_MS && Date.parse(event.time) <= TO_MS);
    });

    it('maps the 0-based cursor to 1-based pageNumber and always sends orderBy "date desc"', async () => {
      emulator.requests.length = 0;
      await fetchAll(RANGE);
      assert.deepEqual(emulator.requests.map((entry) => entry.query.pageNumber), ['1', '2', '3', '4', '5']);
      for (const entry of emulator.requests) {
        assert.equal(entry.method, 'POST');
        assert.equal(entry.path, PATH);
        assert.equal(entry.query.pageSize, '50');
        assert.equal(entry.query.orderBy, 'date desc');
        assert.deepEqual(entry.body, { startDate: RANGE.from, endDate: RANGE.to });
        assert.equal(entry.headers.appkey, credentials.appKey);
        assert.equal(entry.headers.authorization, `Bearer ${credentials.token}`);
      }
    });

    it('gives every record the same id whatever the page size and however often it is fetched', async () => {
      const big = await fetchAll(RANGE, 50);
      const small = await fetchAll(RANGE, 7);
      assert.deepEqual(small.events.map((event) => event.id), big.events.map((event) => event.id));
    });

    it('allows the pages to be fetched in parallel once the total is known', async () => {
      assert.equal(axpAdapter.limits.parallelPages, true);
      const first = await fetchPage(RANGE, 0, 50);
      const pageCount = Math.ceil((first.total as number) / 50);
      const rest = await Promise.all(Array.from({ length: pageCount - 1 }, (_, i) => fetchPage(RANGE, i + 1, 50)));
      const ids = [first, ...rest].flatMap((page) => page.events.map((event) => event.id));
      assert.equal(ids.length, COUNT);
      assert.equal(new Set(ids).size, COUNT);
    });

    it('serves the seed\'s swapped links, which the adapter does not follow', async () => {
      const { json } = await rawSearch({ pageNumber: '2', pageSize: '5', orderBy: 'date desc' }, { startDate: RANGE.from, endDate: RANGE.to });
      const links = json.links as { next: string; prev: string };
      assert.match(links.next, /pageNumber=1&pageSize=5$/);
      assert.match(links.prev, /pageNumber=3&pageSize=5$/);
    });

    it('sends the sort with its space percent-encoded: "+" is a space only to form decoders', () => {
      const window = { from: RANGE.from, to: RANGE.to };
      const { url } = buildHttpRequest(axpAdapter, connection, credentials, { ...window }, { window, index: 1, size: 50 });
      assert.match(url, /\?pageNumber=2&pageSize=50&orderBy=date%20desc$/);
    });

    it('narrows to the window: a narrower window returns exactly the records inside it', async () => {
      const all = await fetchAll(RANGE);
      const window = { from: '2025-12-06T00:00:00.000Z', to: '2025-12-07T00:00:00.000Z' };
      const inside = all.events.filter((event) => event.time >= window.from && event.time <= window.to);
      assert.ok(inside.length > 0);
      const request = buildHttpRequest(axpAdapter, connection, credentials, { ...window }, { window, index: 0, size: 50 });
      const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
      const page = axpAdapter.parsePage(await response.json(), { window, index: 0, size: 50 });
      assert.equal(page.total, inside.length);
    });
  });

  describe('filters', () => {
    let everything: AuditEvent[];
    before(async () => {
      everything = (await fetchAll(RANGE)).events;
    });

    it('sends resource type as type; actor and action stay local, so every snapshot is fetched and linked', async () => {
      const sample = everything.find((event) => event.action === 'UPDATED' && event.resource.type === 'USER');
      assert.ok(sample);
      const query: AuditQuery = { ...RANGE, actor: (sample.actor.id as string).toUpperCase(), action: 'updated', resourceType: 'user' };
      assert.deepEqual([...axpAdapter.serverFilters(query)], ['resourceType']);
      const { events } = await fetchAll(query);
      assert.deepEqual(lastRequest().body, { startDate: RANGE.from, endDate: RANGE.to, type: 'USER' });
      assert.deepEqual(events.map((event) => event.id), everything.filter((event) => event.resource.type === 'USER').map((event) => event.id));
    });

    it('diffs each event of an actor against the snapshot just before it, whoever made that one', async () => {
      const changesOf = async (query: AuditQuery): Promise<Map<string, readonly FieldChange[]>> => {
        const http = createHttpClient();
        const found = new Map<string, readonly FieldChange[]>();
        try {
          for await (const update of search([{ connection, credentials }], query, { http })) {
            if (update.kind === 'error') throw update.error;
            if (update.kind === 'page') for (const event of [...update.events, ...update.revised]) found.set(event.id, event.changes);
          }
        } finally {
          await http.close();
        }
        return found;
      };
      const all = await changesOf(RANGE);
      // An actor who edits objects others edit too: their snapshots sit between this actor's.
      const actor = everything.find((event) => event.action === 'UPDATED')?.actor.id as string;
      const mine = await changesOf({ ...RANGE, actor });
      const updates = [...mine].filter(([id]) => everything.find((event) => event.id === id)?.action === 'UPDATED');
      assert.ok(updates.length > 0);
      for (const [id, changes] of mine) assert.deepEqual(changes, all.get(id), id);
    });

    it('keeps action and resource type local when the value cannot be an AXP constant', () => {
      const query: AuditQuery = { ...RANGE, action: 'Update User', resourceType: 'user profile' };
      assert.equal(axpAdapter.serverFilters(query).size, 0);
      const request = axpAdapter.buildRequest(connection, query, cursor(0, 50));
      assert.deepEqual(request.body, { startDate: RANGE.from, endDate: RANGE.to });
    });

    it('keeps resource id, status, trace id and free text local and never sends them', () => {
      const query: AuditQuery = { ...RANGE, resourceId: 'W6D1JQ', status: 'success', traceId: 'abc', text: 'Advanced' };
      assert.equal(axpAdapter.serverFilters(query).size, 0);
      const request = axpAdapter.buildRequest(connection, query, cursor(0, 50));
      assert.deepEqual(request.body, { startDate: RANGE.from, endDate: RANGE.to });
    });

    it('emulates searchKeyword as a case-insensitive search of every field except the date', async () => {
      const body = { startDate: RANGE.from, endDate: RANGE.to, searchKeyword: 'DUNBAR' };
      const hit = await rawSearch({ pageSize: '50', orderBy: 'date desc' }, body);
      assert.equal(hit.status, 200);
      const records = hit.json.auditRecords as Array<Record<string, unknown>>;
      assert.ok(records.length > 0);
      for (const { date: _date, ...rest } of records) assert.match(JSON.stringify(rest), /dunbar/i);
      const dateOnly = everything[0]?.time.slice(10, 16) as string; // e.g. "T07:56": only ever in a date
      const miss = await rawSearch({ orderBy: 'date desc' }, { ...body, searchKeyword: dateOnly });
      assert.equal((miss.json.pagination as { total: number }).total, 0);
    });

    it('emulates the ipAddress filter as an exact match', async () => {
      const ip = everything[0]?.raw.ipAddress as string;
      const { json } = await rawSearch({ pageSize: '50', orderBy: 'date desc' }, { startDate: RANGE.from, endDate: RANGE.to, ipAddress: ip });
      const records = json.auditRecords as Array<Record<string, unknown>>;
      assert.ok(records.length > 0);
      assert.ok(records.every((record) => record.ipAddress === ip));
      assert.equal((json.pagination as { total: number }).total, everything.filter((event) => event.raw.ipAddress === ip).length);
    });
  });

  describe('limits', () => {
    it('declares a default and maximum page size of 50 and never asks for more', () => {
      assert.equal(axpAdapter.limits.defaultPageSize, 50);
      assert.equal(axpAdapter.limits.maxPageSize, 50);
      const request = axpAdapter.buildRequest(connection, RANGE, cursor(3, 500));
      assert.equal(request.query?.pageSize, '50');
      assert.equal(request.query?.pageNumber, '4');
    });

    it('emulator rejects a pageSize above 50 with AXP\'s 400 body', async () => {
      const { status, json } = await rawSearch({ pageSize: '51', orderBy: 'date desc' }, {});
      assert.equal(status, 400);
      assert.equal(json.title, 'Bad Request');
      assert.equal(axpAdapter.parseError(status, json)?.message, 'pageSize must be a whole number between 1 and 50.');
    });

    it('emulator rejects pageNumber 0, an unknown orderBy, an ipAddress over 15 characters and a reversed range', async () => {
      const cases: Array<[Record<string, string>, unknown, RegExp]> = [
        [{ pageNumber: '0' }, {}, /pageNumber/],
        [{ orderBy: 'name desc' }, {}, /orderBy "name desc"/],
        [{}, { ipAddress: '1234.5678.9012.3' }, /ipAddress .*15 characters/],
        [{}, { startDate: RANGE.to, endDate: RANGE.from }, /startDate must not be after endDate/],
        [{}, { startDate: 'yesterday' }, /startDate must be an ISO-8601/],
      ];
      for (const [params, body, message] of cases) {
        const { status, json } = await rawSearch(params, body);
        assert.equal(status, 400, JSON.stringify(params));
        assert.match(axpAdapter.parseError(status, json)?.message ?? '', message);
      }
    });

    it('emulator defaults to 5 records a page, oldest first, when pageSize and orderBy are left out', async () => {
      const { json } = await rawSearch({}, { startDate: RANGE.from, endDate: RANGE.to });
      const records = json.auditRecords as Array<{ date: string }>;
      assert.equal(records.length, 5);
      const dates = records.map((record) => record.date);
      assert.deepEqual(dates, [...dates].sort());
    });
  });

  describe('connection, credentials and errors', () => {
    it('requires the account id, with a message that says how to set it', () => {
      const message = axpAdapter.validateConnection({ ...connection, accountId: undefined });
      assert.match(message ?? '', /accountId.*--account/);
      assert.throws(() => buildHttpRequest(axpAdapter, { ...connection, accountId: ' ' }, credentials, RANGE, cursor(0, 50)),
        (error: unknown) => error instanceof AuditLensError && error.reason === 'config');
      assert.match(axpAdapter.validateConnection({ ...connection, accountId: 'AB/../x' }) ?? '', /not valid/);
      assert.equal(axpAdapter.validateConnection(connection), undefined);
    });

    it('sends whichever of app key and bearer token are present, and refuses neither', async () => {
      assert.deepEqual(axpAdapter.authHeaders(connection, { token: '', appKey: 'k' }), { appkey: 'k' });
      assert.deepEqual(axpAdapter.authHeaders(connection, { token: 't' }), { authorization: 'Bearer t' });
      assert.throws(() => axpAdapter.authHeaders(connection, { token: ' ', appKey: '' }),
        (error: unknown) => error instanceof AuditLensError && error.reason === 'config' && /app key or a bearer token/.test(error.message));
      assert.throws(() => axpAdapter.authHeaders(connection, { token: 'secret\r\nx: y' }),
        (error: unknown) => error instanceof AuditLensError && !error.message.includes('secret'));
      assert.equal((await send(RANGE, cursor(0, 5), { token: '', appKey: credentials.appKey })).status, 200);
      assert.equal((await send(RANGE, cursor(0, 5), { token: credentials.token })).status, 200);
    });

    it('maps the emulator\'s 401 bodies to AXP\'s own message without echoing the credential', async () => {
      const badKey = await send(RANGE, cursor(0, 5), { token: credentials.token, appKey: 'wrong-app-key' });
      assert.equal(badKey.status, 401);
      const keyInfo = axpAdapter.parseError(401, badKey.json);
      assert.match(keyInfo?.message ?? '', /lacks valid authentication credentials\(Appkey\)/);
      assert.ok(!JSON.stringify(badKey.json).includes('wrong-app-key'));
      const badToken = await send(RANGE, cursor(0, 5), { token: 'wrong-token' });
      assert.equal(badToken.status, 401);
      assert.match(axpAdapter.parseError(401, badToken.json)?.message ?? '', /\(Access-Token\)/);
      const none = await rawSearch({}, {}, {});
      assert.equal(none.status, 401);
    });

    it('answers an unknown account with AXP\'s 400 "Invalid AccountID"', async () => {
      const { status, json } = await send(RANGE, cursor(0, 5), credentials, { ...connection, accountId: 'OTHER1' });
      assert.equal(status, 400);
      assert.deepEqual(axpAdapter.parseError(status, json), { message: 'Invalid AccountID', connection: true });
    });

    it('reads the other common error shapes and keeps a code as the support reference', () => {
      assert.deepEqual(axpAdapter.parseError(400, { title: 'Bad Request', status: '400', detail: 'Bad date', code: 'AUD-4001' }),
        { message: 'Bad date', supportRef: 'AUD-4001' });
      assert.equal(axpAdapter.parseError(500, { message: 'Internal failure' })?.message, 'Internal failure');
      assert.equal(axpAdapter.parseError(401, { error: 'invalid_token' })?.message, 'invalid_token');
      assert.equal(axpAdapter.parseError(401, { error: { message: 'Token expired' } })?.message, 'Token expired');
      assert.equal(axpAdapter.parseError(400, { errors: [{ message: 'a is wrong' }, 'b is missing'] })?.message, 'a is wrong; b is missing');
      assert.equal(axpAdapter.parseError(400, { detail: 42, message: 'still readable' })?.message, 'still readable');
      assert.equal(axpAdapter.parseError(403, { title: 'Forbidden' })?.permission, true);
      assert.equal(axpAdapter.parseError(502, '<html>Bad gateway</html>'), undefined);
      assert.equal(axpAdapter.parseError(500, null), undefined);
      assert.equal(axpAdapter.parseError(500, {}), undefined);
    });
  });

  describe('snapshot diffs on emulator data', () => {
    it('holds several consecutive snapshots of the same objects, and each update diffs to real changes', async () => {
      const { events } = await fetchAll(RANGE);
      const snapshots = axpAdapter.snapshots;
      assert.ok(snapshots);
      const byObject = new Map<string, AuditEvent[]>();
      for (const event of [...events].reverse()) {
        const key = snapshots.key(event);
        assert.ok(key, `no object key for ${JSON.stringify(event.raw)}`);
        byObject.set(key, [...(byObject.get(key) ?? []), event]);
      }
      const histories = [...byObject.values()].filter((history) => history.length >= 3);
      assert.ok(histories.length >= 5, 'several objects with three or more snapshots');
      assert.ok(new Set(histories.map((history) => history[0]?.resource.type)).size >= 3);
      for (const history of histories) {
        assert.ok(history.some((event) => event.action === 'CREATED') || history[0]?.action === 'UPDATED');
        for (let i = 1; i < history.length; i++) {
          const newer = history[i] as AuditEvent;
          const changes: readonly FieldChange[] = snapshots.diff(history[i - 1] as AuditEvent, newer);
          if (newer.action === 'UPDATED') assert.ok(changes.length > 0, `update without change: ${newer.id}`);
          if (newer.action === 'DELETED') assert.deepEqual(changes, []);
        }
      }
      assert.ok(events.every((event) => event.changes.length === 0), 'parsePage leaves changes to the engine');
    });

    it('through the engine, small pages fetched in parallel still give every update its changes', async () => {
      const http = createHttpClient();
      const found = new Map<string, AuditEvent>();
      try {
        for await (const update of search([{ connection, credentials }], RANGE, { http, pageSize: { axp: 10 }, concurrency: 3 })) {
          if (update.kind === 'error') throw update.error;
          if (update.kind === 'page') for (const event of [...update.events, ...update.revised]) found.set(event.id, event);
        }
      } finally {
        await http.close();
      }
      assert.equal(found.size, COUNT);
      const updates = [...found.values()].filter((event) => event.action === 'UPDATED');
      assert.ok(updates.length > 0);
      for (const event of updates) assert.ok(event.changes.length > 0 && event.changes.length <= 2, event.id);
      const created = [...found.values()].filter((event) => event.action === 'CREATED');
      for (const event of created) assert.ok(event.changes.every((change) => change.old === null));
    });
  });
});

describe('AXP adapter on the seed\'s samples', () => {
  it('normalizes the seed\'s PROFILE record', () => {
    const record = seedProfileRecord();
    const page = axpAdapter.parsePage(seedPage([record]), cursor(1, 5));
    assert.equal(page.total, 30);
    assert.equal(page.recordCount, 1);
    assert.deepEqual(page.warnings, []);
    const event = page.events[0] as AuditEvent;
    assert.equal(event.vendor, 'axp');
    assert.match(event.id, /^[0-9a-f]{32}$/);
    assert.equal(event.time, '2021-11-14T09:24:05.234Z');
    assert.deepEqual(event.actor, { id: 'jsmith@example.com', name: null, type: null, role: null });
    assert.equal(event.action, 'CREATED');
    assert.deepEqual(event.resource, { type: 'PROFILE', id: 'W6D1JQ', name: 'Advanced' });
    assert.equal(event.status, null);
    assert.equal(event.traceId, null);
    assert.equal(event.description, 'CREATED PROFILE Advanced (W6D1JQ)');
    assert.deepEqual(event.changes, []);
    assert.deepEqual(event.raw, record);
  });

  it('normalizes the QUEUE sample, whose author is not an e-mail', () => {
    const event = eventOf(seedQueueRecord());
    assert.deepEqual(event.resource, { type: 'QUEUE', id: 'd62d5178-9920-415a-a5d9-066716384750', name: 'NA Support' });
    assert.equal(event.actor.id, 'admin');
  });

  it('derives the id from content: key order does not matter, any changed value does', () => {
    const record = seedProfileRecord();
    const reordered = Object.fromEntries(Object.entries(record).reverse());
    assert.equal(eventOf(reordered).id, eventOf(record).id);
    assert.notEqual(eventOf(seedProfileRecord({ date: '2021-11-14T09:24:05.235Z' })).id, eventOf(record).id);
  });

  it('keys snapshots by type and the object\'s own id, never by a reference to another object', () => {
    const snapshots = axpAdapter.snapshots;
    assert.ok(snapshots);
    assert.equal(snapshots.key(eventOf(seedProfileRecord())), 'PROFILE:W6D1JQ');
    const user = eventOf(seedProfileRecord({ type: 'USER', auditData: { userId: 'u-1', profileId: 'W6D1JQ' } }));
    assert.equal(snapshots.key(user), 'USER:u-1');
    const element = eventOf(seedProfileRecord({ type: 'ELEMENT', auditData: { name: 'Avaya Cloud Office' } }));
    assert.equal(snapshots.key(element), null);
    const routing = eventOf(seedProfileRecord({ type: 'ROUTING_PROFILE', auditData: { routingProfileId: 'rp-9' } }));
    assert.equal(snapshots.key(routing), 'ROUTING_PROFILE:rp-9');
  });

  it('diffs consecutive snapshots field by field, old values from the older snapshot', () => {
    const snapshots = axpAdapter.snapshots;
    assert.ok(snapshots);
    const created = eventOf(seedProfileRecord());
    const updated = eventOf(seedProfileRecord({
      event: 'UPDATED',
      date: '2021-11-15T10:00:00.000Z',
      auditData: {
        profileId: 'W6D1JQ', profileName: 'Advanced', description: 'Voice only',
        uxProfileId: '6f482dcd-54a9-445f-ba6d-8ca5ebd5261a', roles: ['Agent', 'Supervisor'], toString: 'x',
      },
    }));
    assert.deepEqual(snapshots.diff(created, updated), [
      { field: 'description', old: 'A profile with all the features', new: 'Voice only' },
      { field: 'roles', old: ['Agent'], new: ['Agent', 'Supervisor'] },
      { field: 'toString', old: null, new: 'x' },
      { field: 'memberOfGroups', old: ['04703a3a-3dfb-4606-ae79-fd0fe0be3e64'], new: null },
    ]);
    const first = snapshots.diff(null, created);
    assert.equal(first.length, 6);
    assert.deepEqual(first[0], { field: 'profileId', old: null, new: 'W6D1JQ' });
    assert.ok(first.every((change) => change.old === null));
    assert.deepEqual(snapshots.diff(null, updated), [], 'an update whose previous snapshot was not fetched has nothing to compare');
  });
});

describe('AXP parsePage robustness', () => {
  it('keeps twin records of one page as two events (same content, so the same hash), numbered in order', () => {
    const twin = seedProfileRecord();
    const page = axpAdapter.parsePage(seedPage([twin, structuredClone(twin), seedQueueRecord(), structuredClone(twin)]), cursor(0, 5));
    const [first, second, other, third] = page.events.map((e) => e.id);
    assert.deepEqual([second, third], [`${first}~2`, `${first}~3`]);
    assert.notEqual(other, first);
    const again = axpAdapter.parsePage(seedPage([twin, structuredClone(twin)]), cursor(0, 5)).events.map((e) => e.id);
    assert.deepEqual(again, [first, second], 'the same page gives the same ids every time');
  });

  it('returns every record of a drifted page and warns once for the wrong-typed one', () => {
    const bad = seedProfileRecord({ date: 1636881845234, event: 42 });
    const records = [seedProfileRecord(), bad, seedQueueRecord(), seedProfileRecord({ date: '2021-11-13T01:00:00.000Z' })];
    const page = axpAdapter.parsePage(seedPage(records), cursor(0, 5));
    assert.equal(page.events.length, 4);
    assert.equal(page.recordCount, 4);
    assert.equal(page.warnings.length, 1);
    const salvaged = page.events[1] as AuditEvent;
    assert.equal(page.warnings[0]?.eventId, salvaged.id);
    assert.deepEqual(salvaged.raw, bad);
    assert.equal(salvaged.time, '2021-11-14T09:24:05.234Z');
    assert.deepEqual(salvaged.resource, { type: 'PROFILE', id: 'W6D1JQ', name: 'Advanced' });
  });

  it('refuses an unusable envelope with a schema error, and reads "no records, total 0" as empty', () => {
    for (const body of [null, 'text', 42, [], {}, { auditRecords: 'none' }, { pagination: { total: 3 } }]) {
      assert.throws(() => axpAdapter.parsePage(body, cursor(0, 50)),
        (error: unknown) => error instanceof AuditLensError && error.reason === 'schema', JSON.stringify(body));
    }
    assert.deepEqual(axpAdapter.parsePage({ pagination: { pageNumber: 1, pageSize: 50, total: 0 } }, cursor(0, 50)),
      { events: [], warnings: [], recordCount: 0, total: 0 });
    const noPagination = axpAdapter.parsePage({ auditRecords: [seedProfileRecord()] }, cursor(0, 50));
    assert.equal(noPagination.total, undefined);
    assert.equal(noPagination.events.length, 1);
  });

  it('on arbitrary JSON returns a page or throws AuditLensError, never anything else', () => {
    const recordish = fc.record({
      date: fc.oneof(fc.string(), fc.integer(), fc.constant('2021-11-14T09:24:05.234Z')),
      event: fc.oneof(fc.string(), fc.constant(null)),
      type: fc.oneof(fc.string(), fc.constant('constructor')),
      auditData: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())),
    }, { requiredKeys: [] });
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ pagination: fc.jsonValue(), auditRecords: fc.array(fc.oneof(recordish, fc.jsonValue())) }, { requiredKeys: ['auditRecords'] }),
    );
    fc.assert(fc.property(body, (value) => {
      try {
        const page = axpAdapter.parsePage(value, cursor(0, 50));
        assert.equal(page.events.length, page.recordCount);
        for (const event of page.events) {
          assert.equal(typeof event.time, 'string');
          axpAdapter.snapshots?.diff(null, event);
          axpAdapter.snapshots?.key(event);
        }
      } catch (error) {
        if (!(error instanceof AuditLensError)) throw error;
      }
      axpAdapter.parseError(400, value);
    }), { numRuns: FUZZ_RUNS });
  });
});
