import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditLensError, isAuditLensError } from '../../../src/core/errors';
import type { AuditQuery, Connection, Credentials } from '../../../src/core/model';
import { buildHttpRequest } from '../../../src/core/search/requestBuilder';
import type { PageCursor } from '../../../src/core/vendors/adapter';
import { descopeAdapter } from '../../../src/core/vendors/descope/adapter';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import { Emulator } from '../../../src/emulator/server';
import { generate } from '../../../src/emulator/vendors/descope/records';
import { descopeRoute } from '../../../src/emulator/vendors/descope/route';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2025, 11, 4, 12, 0, 0);
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const CREDENTIALS = EMULATOR_CREDENTIALS.descope;

interface Sent {
  status: number;
  headers: Headers;
  body: unknown;
}

async function send(connection: Connection, query: AuditQuery, cursor: PageCursor, credentials: Credentials = CREDENTIALS): Promise<Sent> {
  const request = buildHttpRequest(descopeAdapter, connection, credentials, query, cursor);
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function post(emulator: Emulator, body: unknown, token = CREDENTIALS.token): Promise<Sent> {
  const response = await fetch(`${emulator.baseUrl('descope')}/v1/mgmt/audit/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function connectionTo(emulator: Emulator): Connection {
  return { id: 'descope-test', label: 'Descope', vendor: 'descope', baseUrl: emulator.baseUrl('descope') };
}

function rangeQuery(fromMs: number, toMs: number, filters: Partial<AuditQuery> = {}): AuditQuery {
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), ...filters };
}

/** A record shaped like the seed's sample response, with realistic values. */
function seedRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ID: 'a1b2c3d4e5f60718293a4b5c',
    projectId: 'P2abcdefghijklmnopqrstuvwxyz',
    userId: 'U2q7Xxw3yKZ0sV6fKpO2cWmF3mXcB',
    action: 'UserModified',
    occurred: '1733311044983',
    device: 'Desktop',
    method: 'otp',
    geo: 'US',
    remoteAddress: '203.0.113.7',
    externalIds: ['olivia.garcia@customer.example'],
    tenants: ['T2acmeCorpTenant0000000001'],
    data: { name: 'Olivia Garcia', roleNames: ['editor'] },
    type: 'info',
    actorId: 'bob.smith@example.com',
    ...overrides,
  };
}

const CURSOR: PageCursor = { window: { from: '2025-11-04T12:00:00.000Z', to: '2025-12-04T12:00:00.000Z' }, index: 0, size: 1000 };

describe('Descope adapter against the emulator', () => {
  let emulator: Emulator;
  let connection: Connection;

  before(async () => {
    emulator = await Emulator.start({
      routes: [descopeRoute],
      data: { window: { fromMs: NOW - 40 * DAY, toMs: NOW }, counts: { descope: 2600 } },
      now: () => NOW,
      rateLimits: false,
    });
    connection = connectionTo(emulator);
  });

  after(async () => {
    await emulator.close();
  });

  function truth(fromMs: number, toMs: number): string[] {
    return emulator.dataset.records('descope', generate)
      .filter((stored) => stored.ms >= fromMs && stored.ms <= toMs)
      .map((stored) => stored.audit.ID);
  }

  it('fetches every page of the reachable range with the exact count and no duplicates', async () => {
    const fromMs = NOW - 30 * DAY;
    const query = rangeQuery(fromMs, NOW);
    const window = { from: query.from, to: query.to };
    const expected = truth(fromMs, NOW);
    assert.ok(expected.length > 1000, 'the range must need several pages');
    const size = 400;
    const before = emulator.requests.length;
    const ids: string[] = [];
    let total: number | undefined;
    for (let index = 0; ; index++) {
      const { status, body } = await send(connection, query, { window, index, size });
      assert.equal(status, 200);
      const page = descopeAdapter.parsePage(body, { window, index, size });
      assert.deepEqual(page.warnings, []);
      total = page.total;
      ids.push(...page.events.map((event) => event.id));
      if (page.recordCount < size || ids.length >= (page.total ?? Number.POSITIVE_INFINITY)) break;
    }
    assert.equal(total, expected.length);
    assert.equal(ids.length, expected.length);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(new Set(ids), new Set(expected));
    const sent = emulator.requests.slice(before).map((entry) => entry.body as Record<string, unknown>);
    assert.deepEqual(sent.map((body) => body.page), sent.map((_, index) => index), 'pages are 0-based and consecutive');
    for (const body of sent) {
      assert.equal(body.from, fromMs);
      assert.equal(body.to, NOW);
      assert.equal(body.batchSize, size);
    }
  });

  it('returns events newest first with ISO times and new-value changes', async () => {
    const query = rangeQuery(NOW - 2 * DAY, NOW);
    const window = { from: query.from, to: query.to };
    const { body } = await send(connection, query, { window, index: 0, size: 1000 });
    const { events } = descopeAdapter.parsePage(body, { window, index: 0, size: 1000 });
    assert.ok(events.length > 0);
    const times = events.map((event) => event.time);
    assert.deepEqual(times, [...times].sort().reverse());
    for (const event of events) {
      assert.match(event.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      assert.equal(event.vendor, 'descope');
      assert.ok(event.changes.every((change) => change.old === null));
    }
  });

  it('keeps every filter local and sends none of them', async () => {
    const query = rangeQuery(NOW - DAY, NOW, {
      actor: 'bob.smith@example.com', action: 'UserModified', resourceType: 'user', resourceId: 'U2x',
      status: 'success', traceId: 'abc', text: 'olivia',
    });
    assert.equal(descopeAdapter.serverFilters(query).size, 0);
    const cursor = { window: { from: query.from, to: query.to }, index: 2, size: 50 };
    const request = descopeAdapter.buildRequest(connection, query, cursor);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v1/mgmt/audit/search');
    assert.deepEqual(request.body, { from: NOW - DAY, to: NOW, page: 2, batchSize: 50 });
  });

  it('clamps a range older than 30 days to the last 30 days, as the adapter declares', async () => {
    assert.equal(descopeAdapter.limits.reachMs, 30 * DAY);
    assert.ok(truth(NOW - 40 * DAY, NOW - 30 * DAY - 1).length > 0, 'the data must reach past 30 days');
    const old = await post(emulator, { from: NOW - 40 * DAY, to: NOW, batchSize: 1 });
    const reachable = await post(emulator, { from: NOW - 30 * DAY, to: NOW, batchSize: 1 });
    assert.equal(old.status, 200);
    assert.equal((old.body as { total: number }).total, truth(NOW - 30 * DAY, NOW).length);
    assert.deepEqual(old.body, reachable.body);
  });

  it('accepts from/to as numbers or strings and honours its own list filters', async () => {
    const asNumbers = await post(emulator, { from: NOW - 5 * DAY, to: NOW, batchSize: 1 });
    const asStrings = await post(emulator, { from: String(NOW - 5 * DAY), to: String(NOW), batchSize: 1 });
    assert.deepEqual(asStrings.body, asNumbers.body);
    const records = emulator.dataset.records('descope', generate).filter((stored) => stored.ms >= NOW - 5 * DAY);
    const failed = await post(emulator, { from: NOW - 5 * DAY, to: NOW, actions: ['LoginFailed'], batchSize: 1 });
    assert.equal((failed.body as { total: number }).total, records.filter((stored) => stored.audit.action === 'LoginFailed').length);
    const user = records[0]?.audit.userId as string;
    const byUser = await post(emulator, { from: NOW - 5 * DAY, to: NOW, userIds: [user], excludedActions: ['LoginSucceed'] });
    const audits = (byUser.body as { audits: { userId: string; action: string }[] }).audits;
    assert.ok(audits.length > 0);
    assert.ok(audits.every((audit) => audit.userId === user && audit.action !== 'LoginSucceed'));
  });

  it('never serves more than 1000 records a page, its documented maximum', async () => {
    assert.equal(descopeAdapter.limits.maxPageSize, 1000);
    const { body } = await post(emulator, { from: NOW - 30 * DAY, to: NOW, batchSize: 5000 });
    assert.equal((body as { audits: unknown[] }).audits.length, 1000);
  });

  it('refuses a wrong management key with Descope\'s 401 and its message', async () => {
    const query = rangeQuery(NOW - DAY, NOW);
    const { status, body } = await send(connection, query, { window: { from: query.from, to: query.to }, index: 0, size: 10 },
      { token: 'P2emulatorproject:wrong-key' });
    assert.equal(status, 401);
    assert.deepEqual(descopeAdapter.parseError(status, body), { message: 'Invalid project id or management key', supportRef: 'E011003' });
  });

  it('answers a bad request with a Descope error body that parseError reads', async () => {
    const { status, body } = await post(emulator, { from: NOW - DAY, to: NOW, page: -1 });
    assert.equal(status, 400);
    const info = descopeAdapter.parseError(status, body);
    assert.equal(info?.message, '"page" must be a non-negative integer');
    assert.equal(info?.supportRef, 'E011003');
    const reversed = await post(emulator, { from: NOW, to: NOW - DAY });
    assert.equal(reversed.status, 400);
    assert.match(descopeAdapter.parseError(400, reversed.body)?.message ?? '', /"from" must not be later than "to"/);
  });
});

describe('Descope rate limit', () => {
  let emulator: Emulator;
  let clock = NOW;

  before(async () => {
    emulator = await Emulator.start({
      routes: [descopeRoute],
      data: { window: { fromMs: NOW - 3 * DAY, toMs: NOW }, counts: { descope: 50 } },
      now: () => clock,
    });
  });

  after(async () => {
    await emulator.close();
  });

  it('allows 10 searches a minute per project, then 429 with Retry-After and Descope\'s body', async () => {
    assert.deepEqual(descopeAdapter.limits.rateLimit, { requests: 10, perMs: 60_000 });
    assert.equal(descopeAdapter.limits.parallelPages, false);
    for (let i = 0; i < 10; i++) {
      clock = NOW + i * 1000;
      assert.equal((await post(emulator, { from: NOW - DAY, to: NOW })).status, 200);
    }
    clock = NOW + 15_000;
    const limited = await post(emulator, { from: NOW - DAY, to: NOW });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '45');
    assert.deepEqual(descopeAdapter.parseError(429, limited.body), { message: 'API rate limit exceeded.', supportRef: 'E130429' });
    clock = NOW + 60_001;
    assert.equal((await post(emulator, { from: NOW - DAY, to: NOW })).status, 200, 'the first search left the window');
  });
});

describe('Descope adapter, offline', () => {
  const connection: Connection = { id: 'd', label: 'Descope', vendor: 'descope', baseUrl: 'https://api.descope.com' };

  it('sends ProjectId:ManagementKey as the bearer token', () => {
    assert.deepEqual(descopeAdapter.authHeaders(connection, { token: 'P2abc:K2secret' }), { authorization: 'Bearer P2abc:K2secret' });
  });

  for (const token of ['K2secretWithoutProject', ':K2secret', 'P2abc:']) {
    it(`refuses the credential "${token.replace(/K2secret\w*/, '<key>')}" with a config error that hides it`, () => {
      assert.throws(() => descopeAdapter.authHeaders(connection, { token }), (error: unknown) => {
        assert.ok(isAuditLensError(error));
        assert.equal(error.reason, 'config');
        assert.match(error.message, /ProjectId:ManagementKey/);
        assert.ok(!error.message.includes('K2secret'));
        return true;
      });
    });
  }

  it('normalizes the seed\'s record shape', () => {
    const raw = seedRecord();
    const page = descopeAdapter.parsePage({ audits: [raw], total: 1 }, CURSOR);
    assert.equal(page.total, 1);
    assert.equal(page.recordCount, 1);
    assert.deepEqual(page.warnings, []);
    const [event] = page.events;
    assert.ok(event);
    assert.equal(event.id, 'a1b2c3d4e5f60718293a4b5c');
    assert.equal(event.time, '2024-12-04T11:17:24.983Z');
    assert.deepEqual(event.actor, { id: 'bob.smith@example.com', name: null, type: null, role: null });
    assert.equal(event.action, 'UserModified');
    assert.deepEqual(event.resource, { type: 'user', id: 'U2q7Xxw3yKZ0sV6fKpO2cWmF3mXcB', name: 'olivia.garcia@customer.example' });
    assert.equal(event.status, 'success');
    assert.equal(event.traceId, null);
    assert.deepEqual(event.changes, [
      { field: 'name', old: null, new: 'Olivia Garcia' },
      { field: 'roleNames', old: null, new: ['editor'] },
    ]);
    assert.equal(event.raw, raw, 'raw is the record exactly as received');
  });

  it('marks failed actions as failures and accepts occurred as a number', () => {
    const page = descopeAdapter.parsePage({ audits: [seedRecord({ action: 'LoginFailed', type: 'warn', occurred: 1733311044983, data: {} })] }, CURSOR);
    assert.equal(page.events[0]?.status, 'failure');
    assert.equal(page.events[0]?.time, '2024-12-04T11:17:24.983Z');
    assert.deepEqual(page.events[0]?.changes, []);
    assert.equal(page.total, undefined);
  });

  it('reads an empty protobuf page {} as no events, and refuses bodies that are no page', () => {
    assert.deepEqual(descopeAdapter.parsePage({}, CURSOR), { events: [], warnings: [], recordCount: 0, total: undefined });
    assert.equal(descopeAdapter.parsePage({ total: 0 }, CURSOR).total, 0);
    for (const body of [null, [], 'audits', 42, { audits: 'none' }, { audits: {} }]) {
      assert.throws(() => descopeAdapter.parsePage(body, CURSOR), (error: unknown) =>
        error instanceof AuditLensError && error.reason === 'schema');
    }
  });

  it('keeps a drifted record among good ones, with one warning', () => {
    const drifted = seedRecord({ ID: 'drifted-1', occurred: { seconds: 1733311044 }, externalIds: 'olivia' });
    const page = descopeAdapter.parsePage({ audits: [seedRecord({ ID: 'good-1' }), drifted, seedRecord({ ID: 'good-2' })], total: 3 }, CURSOR);
    assert.deepEqual(page.events.map((event) => event.id), ['good-1', 'drifted-1', 'good-2']);
    assert.equal(page.warnings.length, 1);
    assert.equal(page.warnings[0]?.eventId, 'drifted-1');
    const salvaged = page.events[1];
    assert.equal(salvaged?.action, 'UserModified');
    assert.equal(salvaged?.actor.id, 'bob.smith@example.com');
    assert.equal(salvaged?.time, CURSOR.window.to, 'an unreadable time falls back to the window end');
    assert.equal(salvaged?.raw, drifted);
  });

  it('reads only Descope-shaped error bodies', () => {
    assert.deepEqual(
      descopeAdapter.parseError(400, { errorCode: 'E011002', errorDescription: 'Missing arguments', errorMessage: 'The from field is required' }),
      { message: 'The from field is required', supportRef: 'E011002' },
    );
    assert.deepEqual(descopeAdapter.parseError(500, { message: 'internal' }), { message: 'internal', supportRef: undefined });
    for (const body of [null, 'oops', [], {}, { error: 'x' }]) assert.equal(descopeAdapter.parseError(500, body), undefined);
  });

  it('parsePage on arbitrary JSON returns a page or throws a schema AuditLensError', () => {
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record({ audits: fc.array(fc.jsonValue(), { maxLength: 5 }), total: fc.jsonValue() }, { requiredKeys: ['audits'] }),
      fc.record({ audits: fc.array(fc.record({
        ID: fc.oneof(fc.string(), fc.integer()), action: fc.oneof(fc.string(), fc.constant(null)),
        occurred: fc.oneof(fc.string(), fc.integer(), fc.double()), data: fc.jsonValue(), externalIds: fc.jsonValue(),
      }, { requiredKeys: [] }), { maxLength: 5 }) }),
    );
    fc.assert(fc.property(bodies, (body) => {
      try {
        const page = descopeAdapter.parsePage(body, CURSOR);
        assert.equal(page.events.length, page.recordCount);
        for (const event of page.events) assert.ok(!Number.isNaN(Date.parse(event.time)));
      } catch (error) {
        if (!(error instanceof AuditLensError) || error.reason !== 'schema') throw error;
      }
    }), { numRuns: FUZZ_RUNS });
  });
});
