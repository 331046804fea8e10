import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditLensError } from '../../../src/core/errors';
import type { AuditEvent, AuditQuery, Connection, Credentials } from '../../../src/core/model';
import { buildHttpRequest, parseBaseUrl } from '../../../src/core/search/requestBuilder';
import type { NormalizedPage, PageCursor } from '../../../src/core/vendors/adapter';
import { surfsightAdapter } from '../../../src/core/vendors/surfsight/adapter';
import { surfsightAuthenticate, surfsightAuthResponseSchema } from '../../../src/core/vendors/surfsight/authenticate';
import { EMULATOR_CREDENTIALS, EMULATOR_SURFSIGHT_LOGIN } from '../../../src/emulator/credentials';
import { Emulator } from '../../../src/emulator/server';
import { surfsightRoute } from '../../../src/emulator/vendors/surfsight/route';

const FROM_MS = Date.parse('2025-11-01T00:00:00.000Z');
const TO_MS = Date.parse('2025-12-04T12:00:00.000Z');
const COUNT = 450;
const FULL: AuditQuery = { from: new Date(FROM_MS).toISOString(), to: new Date(TO_MS).toISOString() };
const CREDS: Credentials = EMULATOR_CREDENTIALS.surfsight;
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const DAY = 24 * 60 * 60 * 1000;

function cursor(index: number, size: number, query: AuditQuery = FULL): PageCursor {
  return { window: { from: query.from, to: query.to }, index, size };
}

/** A record shaped like the seed's field list; `overrides` set or (with undefined) remove fields. */
function sampleRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: 1, message: 'Device settings updated', reason: 'Requested by fleet manager',
    createdAt: '2020-01-01T14:48:00.000Z',
    value: '{"cameraMode":"road+cabin","speedUnits":"mph"}',
    previousValue: '{"cameraMode":"road","speedUnits":"mph"}',
    organizationId: 17, organizationName: 'Acme Logistics', partnerId: 62, partnerName: 'Northwind Telematics',
    userId: 32, userName: 'bob.smith@example.com', imei: '12345678', entityId: '123456', entityTpe: 'device',
    source: 'api', method: 'PUT', endpoint: '/v2/devices/12345678/device-config', queryParams: '{}',
    requestId: '2cb2986430cf420f97ce0a74e69ffd0f',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete record[key];
    else record[key] = value;
  }
  return record;
}

function parseOne(record: Record<string, unknown>): { event: AuditEvent; page: NormalizedPage } {
  const page = surfsightAdapter.parsePage({ data: [record], metadata: { count: 1, limit: 10, offset: 0 } }, cursor(0, 10));
  return { event: page.events[0] as AuditEvent, page };
}

describe('surfsight adapter against the emulator', () => {
  let emulator: Emulator;
  let connection: Connection;
  let clockMs = TO_MS + DAY;

  before(async () => {
    emulator = await Emulator.start({
      routes: [surfsightRoute],
      data: { window: { fromMs: FROM_MS, toMs: TO_MS }, counts: { surfsight: COUNT } },
      now: () => clockMs,
    });
    connection = { id: 'ss', label: 'Surfsight', vendor: 'surfsight', baseUrl: emulator.baseUrl('surfsight') };
  });
  after(async () => { await emulator.close(); });
  beforeEach(() => { emulator.requests.length = 0; });

  async function send(query: AuditQuery, page: PageCursor, credentials: Credentials = CREDS): Promise<{ status: number; body: unknown }> {
    const request = buildHttpRequest(surfsightAdapter, connection, credentials, query, page);
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
    return { status: response.status, body: await response.json() };
  }

  async function raw(pathAndQuery: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
    const headers = { authorization: `Bearer ${CREDS.token}`, ...(init.headers as Record<string, string>) };
    const response = await fetch(`${connection.baseUrl}${pathAndQuery}`, { ...init, headers });
    return { status: response.status, body: await response.json() };
  }

  /** Pages as the engine does: until a short page or the reported total. */
  async function fetchAll(query: AuditQuery, size: number): Promise<{ events: AuditEvent[]; pages: number; total?: number }> {
    const events: AuditEvent[] = [];
    let total: number | undefined;
    for (let index = 0; ; index++) {
      const { status, body } = await send(query, cursor(index, size, query));
      assert.equal(status, 200, JSON.stringify(body));
      const page = surfsightAdapter.parsePage(body, cursor(index, size, query));
      assert.deepEqual(page.warnings, []);
      events.push(...page.events);
      total = page.total ?? total;
      if (page.recordCount < size || (total !== undefined && events.length >= total)) return { events, pages: index + 1, total };
    }
  }

  describe('paging', () => {
    it('fetches every record exactly once, newest first, with offset omitted on the first page', async () => {
      const { events, pages, total } = await fetchAll(FULL, 100);
      assert.equal(events.length, COUNT);
      assert.equal(total, COUNT);
      assert.equal(pages, 5);
      assert.equal(new Set(events.map((event) => event.id)).size, COUNT);
      for (let i = 1; i < events.length; i++) assert.ok((events[i - 1] as AuditEvent).time >= (events[i] as AuditEvent).time);
      const sent = emulator.requests.map((request) => request.query);
      assert.deepEqual(sent.map((query) => query.offset), [undefined, '100', '200', '300', '400']);
      assert.ok(sent.every((query) => query.limit === '100' && query.start === FULL.from && query.end === FULL.to));
      assert.equal(emulator.requests[0]?.headers.authorization, `Bearer ${CREDS.token}`);
    });

    it('honours the time range inclusively', async () => {
      const { events } = await fetchAll(FULL, 1000);
      const middle = events[200] as AuditEvent;
      const query = { from: middle.time, to: middle.time };
      const narrowed = await fetchAll(query, 10);
      assert.ok(narrowed.events.some((event) => event.id === middle.id));
      assert.ok(narrowed.events.every((event) => event.time === middle.time));
    });

    it('reads metadata.count as the total, except where it could be a per-page count', () => {
      const records = Array.from({ length: 5 }, (_, i) => sampleRecord({ id: i + 1 }));
      const page = (count: unknown, index: number) => surfsightAdapter.parsePage({ data: records, metadata: { count } }, cursor(index, 5));
      assert.equal(page(12, 0).total, 12);
      assert.equal(page('12', 1).total, 12);
      assert.equal(page(5, 0).total, undefined, 'a full first page whose count equals its length is ambiguous');
      assert.equal(page(5, 1).total, undefined, 'a count below what was already reached cannot be a total');
      assert.equal(page('many', 0).total, undefined);
      assert.equal(surfsightAdapter.parsePage({ data: records.slice(0, 3), metadata: { count: 3 } }, cursor(0, 5)).total, 3);
    });
  });

  describe('filters', () => {
    let everything: AuditEvent[];
    before(async () => { everything = (await fetchAll(FULL, 1000)).events; });
    const eq = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

    it('sends a numeric actor as userId and declares it server-side, matching the local semantics', async () => {
      const query = { ...FULL, actor: '32' };
      assert.ok(surfsightAdapter.serverFilters(query).has('actor'));
      const { events } = await fetchAll(query, 100);
      assert.equal(emulator.requests[0]?.query.userId, '32');
      const expected = everything.filter((event) => eq(event.actor.id, '32') || eq(event.actor.name, '32'));
      assert.ok(expected.length > 0);
      assert.deepEqual(events.map((event) => event.id), expected.map((event) => event.id));
    });

    it('keeps a non-numeric actor local and sends no userId', async () => {
      for (const actor of ['bob.smith@example.com', '032', '32 ', '0']) {
        const query = { ...FULL, actor };
        assert.ok(!surfsightAdapter.serverFilters(query).has('actor'), actor);
        assert.equal(surfsightAdapter.buildRequest(connection, query, cursor(0, 10)).query?.userId, undefined, actor);
      }
    });

    it('sends a resourceType that is a Surfsight entity type (any case) as entityType, server-side', async () => {
      const query = { ...FULL, resourceType: 'Device' };
      assert.ok(surfsightAdapter.serverFilters(query).has('resourceType'));
      const { events } = await fetchAll(query, 100);
      assert.equal(emulator.requests[0]?.query.entityType, 'device');
      const expected = everything.filter((event) => eq(event.resource.type, 'Device'));
      assert.ok(expected.length > 0);
      assert.deepEqual(events.map((event) => event.id), expected.map((event) => event.id));
      const other = { ...FULL, resourceType: 'vehicle' };
      assert.ok(!surfsightAdapter.serverFilters(other).has('resourceType'));
      assert.equal(surfsightAdapter.buildRequest(connection, other, cursor(0, 10)).query?.entityType, undefined);
    });

    it('sends a caseless resourceId as an entityId pre-filter but keeps it local', async () => {
      const imei = everything.find((event) => event.resource.type === 'device')?.resource.id as string;
      const query = { ...FULL, resourceId: imei };
      assert.ok(!surfsightAdapter.serverFilters(query).has('resourceId'));
      const { events } = await fetchAll(query, 100);
      assert.equal(emulator.requests[0]?.query.entityId, imei);
      const expected = everything.filter((event) => eq(event.resource.id, imei));
      assert.deepEqual(events.map((event) => event.id), expected.map((event) => event.id));
      assert.equal(surfsightAdapter.buildRequest(connection, { ...FULL, resourceId: 'Abc-1' }, cursor(0, 10)).query?.entityId, undefined);
    });

    it('keeps action, status, traceId and text local with no vendor parameter', () => {
      const query: AuditQuery = { ...FULL, action: 'Device renamed', status: 'success', traceId: 'abc', text: 'truck' };
      assert.equal(surfsightAdapter.serverFilters(query).size, 0);
      assert.deepEqual(Object.keys(surfsightAdapter.buildRequest(connection, query, cursor(0, 10)).query ?? {}).sort(), ['end', 'limit', 'start']);
    });

    it('puts the shared trace ids on events at their shared times', () => {
      const traces = emulator.dataset.sharedTraces;
      assert.ok(traces.length > 0);
      for (const trace of traces) {
        const event = everything.find((candidate) => candidate.traceId === trace.traceId);
        assert.ok(event, trace.traceId);
        assert.equal(event.time, new Date(trace.timeMs).toISOString());
        assert.equal(event.actor.name, trace.actor.email);
      }
    });

    it('serves change records whose JSON-in-string values diff, plain-text values included', () => {
      const withChanges = everything.filter((event) => event.changes.length > 0);
      assert.ok(withChanges.length > COUNT / 2);
      const firmware = everything.find((event) => event.action === 'Device firmware update requested');
      assert.match(String(firmware?.changes[0]?.new), /^ROUTER-5\.2\.\d$/);
      const created = everything.find((event) => event.action === 'User created');
      assert.ok(created?.changes.every((change) => change.old === null && change.new !== null));
    });

    it('applies every documented filter in the emulator', async () => {
      const check = async (params: string, predicate: (record: Record<string, unknown>) => boolean) => {
        const { status, body } = await raw(`/v2/audit-logs?start=${FULL.from}&end=${FULL.to}&limit=1000&${params}`);
        assert.equal(status, 200, params);
        const data = (body as { data: Record<string, unknown>[] }).data;
        assert.ok(data.length > 0 && data.length < COUNT, params);
        assert.ok(data.every(predicate), params);
      };
      const imei = String(everything.find((event) => event.resource.type === 'device')?.raw.imei);
      await check(`imei=${imei}`, (r) => r.imei === imei);
      await check('userType=partnerContact&userId=32', (r) => r.userId === 32 && r.source === 'partnerPortal');
      await check('partnerId=75', (r) => r.partnerId === 75);
      await check('orgId=17', (r) => r.organizationId === 17 && r.source !== 'partnerPortal');
      await check('entityOrganizationId=41', (r) => r.organizationId === 41);
      await check('entityPartnerId=62&entityType=reseller', (r) => r.entityTpe === 'reseller' && r.entityId === '62');
    });
  });

  describe('limits', () => {
    it('always sends start, end and a non-zero limit within 1..1000, and no zero offset', () => {
      const at = (index: number, size: number) => surfsightAdapter.buildRequest(connection, FULL, cursor(index, size)).query ?? {};
      assert.deepEqual(at(0, 5000), { start: FULL.from, end: FULL.to, limit: '1000' });
      assert.equal(at(0, 0).limit, '1');
      assert.equal(at(3, 200).offset, '600');
      assert.equal(surfsightAdapter.limits.defaultPageSize, 200);
      assert.equal(surfsightAdapter.limits.maxPageSize, 1000);
      assert.throws(() => surfsightAdapter.buildRequest(connection, FULL, { window: { from: 'yesterday', to: FULL.to }, index: 0, size: 10 }),
        (error: unknown) => error instanceof AuditLensError && error.reason === 'usage');
    });

    it('the emulator rejects what Surfsight rejects, and parseError gives its message', async () => {
      const base = `start=${FULL.from}&end=${FULL.to}`;
      const cases: Array<[string, RegExp]> = [
        [`${base}&limit=0`, /"limit" with value "0" fails to match/],
        [`${base}&limit=10&offset=0`, /"offset" with value "0" fails to match/],
        [`${base}&limit=ten`, /"limit" with value "ten"/],
        [`end=${FULL.to}&limit=10`, /"start" is required/],
        [`start=${FULL.from}&limit=10`, /"end" is required/],
        [`start=yesterday&end=${FULL.to}`, /"start" must be a valid ISO 8601 date/],
        [`start=${FULL.to}&end=${FULL.from}`, /"end" must be greater than or equal to "start"/],
        [`${base}&userType=admin`, /"userType" must be one of/],
        [`${base}&entityType=vehicle`, /"entityType" must be one of/],
        [`${base}&orgId=017`, /"orgId" with value "017"/],
      ];
      for (const [params, message] of cases) {
        const { status, body } = await raw(`/v2/audit-logs?${params}`);
        assert.equal(status, 400, params);
        assert.match(surfsightAdapter.parseError(status, body)?.message ?? '', message);
      }
    });

    it('answers an offset past the end with an empty page and the total', async () => {
      const { status, body } = await raw(`/v2/audit-logs?start=${FULL.from}&end=${FULL.to}&limit=50&offset=${COUNT}`);
      assert.equal(status, 200);
      assert.deepEqual(body, { data: [], metadata: { count: COUNT, limit: 50, offset: COUNT } });
      assert.equal(surfsightAdapter.parsePage(body, cursor(9, 50)).total, COUNT);
    });

    it('answers a page too large to build in 30 seconds with a timeout, which the adapter never asks for', async () => {
      const big = await Emulator.start({ routes: [surfsightRoute], data: { window: { fromMs: FROM_MS, toMs: TO_MS }, counts: { surfsight: 6000 } } });
      try {
        const url = `${big.baseUrl('surfsight')}/v2/audit-logs?start=${FULL.from}&end=${FULL.to}`;
        const response = await fetch(url, { headers: { authorization: `Bearer ${CREDS.token}` } });
        assert.equal(response.status, 504);
        assert.equal(surfsightAdapter.parseError(504, await response.json())?.message, 'Endpoint request timed out');
        const request = buildHttpRequest(surfsightAdapter, { ...connection, baseUrl: big.baseUrl('surfsight') }, CREDS, FULL, cursor(0, 1_000_000));
        const ok = await fetch(request.url, { headers: request.headers });
        assert.equal(ok.status, 200);
        const page = surfsightAdapter.parsePage(await ok.json(), cursor(0, 1_000_000));
        assert.equal(page.recordCount, 1000);
        assert.equal(page.total, 6000);
      } finally {
        await big.close();
      }
    });
  });

  describe('errors', () => {
    it('401 for a wrong or missing token', async () => {
      const { status, body } = await send(FULL, cursor(0, 10), { token: 'not-the-token' });
      assert.equal(status, 401);
      assert.deepEqual(surfsightAdapter.parseError(status, body), { message: 'Invalid or expired token' });
      const missing = await fetch(`${connection.baseUrl}/v2/audit-logs?start=${FULL.from}&end=${FULL.to}`);
      assert.equal(missing.status, 401);
      assert.equal(surfsightAdapter.parseError(401, await missing.json())?.message, 'Missing authentication token');
    });

    it('403 for an organization the caller cannot see, marked as a permission problem', async () => {
      const { status, body } = await raw(`/v2/audit-logs?start=${FULL.from}&end=${FULL.to}&orgId=999`);
      assert.equal(status, 403);
      assert.deepEqual(surfsightAdapter.parseError(status, body), { message: 'You are not allowed to access organization 999', permission: true });
    });

    it('404 for an unknown path', async () => {
      const { status, body } = await raw('/v2/audit-log');
      assert.equal(status, 404);
      assert.equal(surfsightAdapter.parseError(status, body)?.message, 'Not Found');
    });

    it('500 with a request id as the support reference', async () => {
      emulator.faults.add({ vendor: 'surfsight', times: 1, fault: { kind: 'status', status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong', requestId: 'req-81f2' } } });
      const { status, body } = await send(FULL, cursor(0, 10));
      assert.equal(status, 500);
      assert.deepEqual(surfsightAdapter.parseError(status, body), { message: 'Something went wrong', supportRef: 'req-81f2' });
      assert.equal(surfsightAdapter.parseError(500, { error: 'Internal Server Error' })?.message, 'Internal Server Error');
      assert.equal(surfsightAdapter.parseError(500, '<html>'), undefined);
      assert.equal(surfsightAdapter.parseError(500, {}), undefined);
    });
  });

  describe('authentication', () => {
    async function login(email: string, password: string): Promise<{ status: number; body: unknown }> {
      const request = surfsightAuthenticate(connection.baseUrl, email, password);
      const response = await fetch(connection.baseUrl + request.path, {
        method: request.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body),
      });
      return { status: response.status, body: await response.json() };
    }

    it('logs in with email and password; the token works for 24 hours', async () => {
      clockMs = TO_MS + DAY;
      const { status, body } = await login(EMULATOR_SURFSIGHT_LOGIN.email, EMULATOR_SURFSIGHT_LOGIN.password);
      assert.equal(status, 200);
      const token = surfsightAuthResponseSchema.parse(body).data.token;
      assert.notEqual(token, CREDS.token);
      assert.equal((await send(FULL, cursor(0, 10), { token })).status, 200);
      clockMs += DAY - 1;
      assert.equal((await send(FULL, cursor(0, 10), { token })).status, 200);
      clockMs += 1;
      const expired = await send(FULL, cursor(0, 10), { token });
      assert.equal(expired.status, 401);
      const expiresAt = parseInt(token.slice(0, token.indexOf('-')), 36);
      const extended = `${(expiresAt + 2 * DAY).toString(36)}${token.slice(token.indexOf('-'))}`;
      assert.equal((await send(FULL, cursor(0, 10), { token: extended })).status, 401, 'a token with a forged expiry');
      clockMs = TO_MS + DAY;
    });

    it('refuses a wrong password with 401 and a missing field with 400', async () => {
      const wrong = await login(EMULATOR_SURFSIGHT_LOGIN.email, 'nope');
      assert.equal(wrong.status, 401);
      assert.equal(surfsightAdapter.parseError(401, wrong.body)?.message, 'Invalid email or password');
      const response = await fetch(`${connection.baseUrl}/v2/authenticate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"a@b.c"}' });
      assert.equal(response.status, 400);
      assert.equal(surfsightAdapter.parseError(400, await response.json())?.message, '"password" is required');
    });

    it('describes the login request and refuses to send a password over plain http or without one', () => {
      assert.deepEqual(surfsightAuthenticate('https://api-prod.surfsight.net', ' me@example.com ', 'pw'),
        { method: 'POST', path: '/v2/authenticate', body: { email: 'me@example.com', password: 'pw' } });
      const refused = (fn: () => unknown) => assert.throws(fn, (error: unknown) =>
        error instanceof AuditLensError && error.reason === 'config' && !error.message.includes('secret-pw'));
      refused(() => surfsightAuthenticate('http://api-prod.surfsight.net', 'me@example.com', 'secret-pw'));
      refused(() => surfsightAuthenticate('https://api-prod.surfsight.net', '', 'secret-pw'));
      refused(() => surfsightAuthenticate('https://api-prod.surfsight.net', 'me@example.com', ''));
      assert.equal(surfsightAuthResponseSchema.safeParse({ token: 'x' }).success, false);
    });

    it('sends the token as a bearer header and refuses unusable tokens without echoing them', () => {
      assert.deepEqual(surfsightAdapter.authHeaders(connection, { token: ' abc ' }), { authorization: 'Bearer abc' });
      for (const token of ['', 'Bearer secret-token']) {
        assert.throws(() => surfsightAdapter.authHeaders(connection, { token }), (error: unknown) =>
          error instanceof AuditLensError && error.reason === 'config' && !error.message.includes('secret-token'));
      }
    });

    it('asks for the host alone as the base URL', () => {
      assert.equal(surfsightAdapter.validateConnection({ ...connection, baseUrl: 'https://api-prod.surfsight.net' }), undefined);
      assert.match(surfsightAdapter.validateConnection({ ...connection, baseUrl: 'https://api.de.surfsight.net/v2/' }) ?? '', /adds \/v2\/audit-logs/);
      assert.ok(parseBaseUrl(connection.baseUrl));
    });
  });
});

describe('surfsight records', () => {
  it('normalizes the seed-shaped record', () => {
    const record = sampleRecord();
    const { event, page } = parseOne(record);
    assert.deepEqual(page.warnings, []);
    assert.equal(event.raw, record);
    assert.deepEqual({ ...event, raw: undefined }, {
      vendor: 'surfsight', id: '1', time: '2020-01-01T14:48:00.000Z',
      actor: { id: '32', name: 'bob.smith@example.com', type: null, role: null },
      action: 'Device settings updated',
      resource: { type: 'device', id: '123456', name: null },
      status: null,
      description: 'Device settings updated. Reason: Requested by fleet manager',
      traceId: '2cb2986430cf420f97ce0a74e69ffd0f',
      changes: [{ field: 'cameraMode', old: 'road', new: 'road+cabin' }],
      raw: undefined,
    });
  });

  it('accepts entityType as well as the misspelt entityTpe, and names organizations and resellers', () => {
    const org = parseOne(sampleRecord({ entityTpe: undefined, entityType: 'organization', entityId: '17' })).event;
    assert.deepEqual(org.resource, { type: 'organization', id: '17', name: 'Acme Logistics' });
    const reseller = parseOne(sampleRecord({ entityTpe: 'reseller', entityId: '62' })).event;
    assert.equal(reseller.resource.name, 'Northwind Telematics');
  });

  it('diffs JSON-in-string values: creations, deletions, non-JSON text, already-decoded objects', () => {
    const changes = (value: unknown, previousValue: unknown) => parseOne(sampleRecord({ value, previousValue })).event.changes;
    assert.deepEqual(changes('{"email":"a@example.com","role":"supervisor"}', null),
      [{ field: 'email', old: null, new: 'a@example.com' }, { field: 'role', old: null, new: 'supervisor' }]);
    assert.deepEqual(changes(null, '{"name":"Van 3"}'), [{ field: 'name', old: 'Van 3', new: null }]);
    assert.deepEqual(changes('ROUTER-5.2.1', 'ROUTER-5.1.9'), [{ field: 'value', old: 'ROUTER-5.1.9', new: 'ROUTER-5.2.1' }]);
    assert.deepEqual(changes('{"a":{"b":1},"c":[1]}', '{"c":[1],"a":{"b":2}}'), [{ field: 'a', old: { b: 2 }, new: { b: 1 } }]);
    assert.deepEqual(changes({ constructor: 1 }, '{}'), [{ field: 'constructor', old: null, new: 1 }]);
    assert.deepEqual(changes('{"x":1}', '{"x":1}'), []);
    assert.deepEqual(changes(undefined, undefined), []);
  });

  it('falls back to method and endpoint for the action when there is no message', () => {
    const event = parseOne(sampleRecord({ message: null, reason: null })).event;
    assert.equal(event.action, 'PUT /v2/devices/12345678/device-config');
    assert.equal(event.description, null);
  });

  it('returns a drifted record among good ones with exactly one warning', () => {
    const records = [sampleRecord({ id: 1 }), sampleRecord({ id: 2, userId: { nested: true }, createdAt: 1577890080000 }), sampleRecord({ id: 3 })];
    const page = surfsightAdapter.parsePage({ data: records, metadata: { count: 3 } }, cursor(0, 10));
    assert.deepEqual(page.events.map((event) => event.id), ['1', '2', '3']);
    assert.equal(page.warnings.length, 1);
    assert.equal(page.warnings[0]?.eventId, '2');
    assert.equal(page.events[1]?.time, '2020-01-01T14:48:00.000Z');
    assert.equal(page.events[1]?.actor.id, null);
    const noTime = surfsightAdapter.parsePage({ data: [sampleRecord({ id: undefined, createdAt: 'soon' })] }, cursor(0, 10));
    assert.equal(noTime.events[0]?.time, FULL.to);
    assert.match(noTime.events[0]?.id ?? '', /^[0-9a-f]{32}$/);
    assert.equal(noTime.warnings.length, 1);
  });

  it('rejects an unusable envelope as a schema error, and reads an empty data list as no events', () => {
    for (const body of [null, 'text', [], {}, { data: 'x' }, { metadata: { count: 0 } }]) {
      assert.throws(() => surfsightAdapter.parsePage(body, cursor(0, 10)),
        (error: unknown) => error instanceof AuditLensError && error.reason === 'schema', JSON.stringify(body));
    }
    const empty = surfsightAdapter.parsePage({ data: [], metadata: { count: 0, limit: 10, offset: 0 } }, cursor(0, 10));
    assert.deepEqual({ ...empty }, { events: [], warnings: [], recordCount: 0, total: 0 });
  });

  it('parsePage on arbitrary JSON returns a page or throws AuditLensError only', () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ data: fc.array(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('id', 'createdAt', 'value', 'previousValue', 'userId', 'entityTpe', 'message'), fc.jsonValue()))), metadata: fc.jsonValue() }, { requiredKeys: ['data'] }),
    );
    fc.assert(fc.property(body, fc.nat(5), fc.integer({ min: 1, max: 50 }), (value, index, size) => {
      try {
        const page = surfsightAdapter.parsePage(value, cursor(index, size));
        assert.equal(page.events.length, page.recordCount);
        for (const event of page.events) assert.ok(!Number.isNaN(Date.parse(event.time)));
      } catch (error) {
        if (!(error instanceof AuditLensError)) throw error;
      }
    }), { numRuns: FUZZ_RUNS });
  });
});
