import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditLensError, isAuditLensError } from '../../../src/core/errors';
import { createHttpClient } from '../../../src/core/http/client';
import type { AuditEvent, AuditQuery, Connection, Credentials } from '../../../src/core/model';
import { collect } from '../../../src/core/search/engine';
import { buildHttpRequest } from '../../../src/core/search/requestBuilder';
import type { PageCursor } from '../../../src/core/vendors/adapter';
import { perfectoAdapter } from '../../../src/core/vendors/perfecto/adapter';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import { Emulator } from '../../../src/emulator/server';
import {
  PERFECTO_DISABLED_TENANT_TOKEN, PERFECTO_NON_ADMIN_TOKEN, perfectoRoute,
} from '../../../src/emulator/vendors/perfecto/route';

const FROM_MS = Date.UTC(2025, 11, 1);
const TO_MS = Date.UTC(2025, 11, 5);
const COUNT = 2300;
const HOUR = 60 * 60 * 1000;
const RANGE = { from: new Date(FROM_MS).toISOString(), to: new Date(TO_MS).toISOString() };
const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

// ---- builders for the seed's own sample hits --------------------------------------

function sampleCamelHit(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _index: 'perfecto-000058',
    _id: 'FeQU6ZoB-PNmllGN05rh',
    _score: null,
    _source: {
      status: 'SUCCESS',
      service: 'feature-settings-service',
      timestamp: '2025-12-04T11:17:24.983Z',
      resourceId: 'user-plans.license.gold.virtualDevice',
      actorType: 'user',
      '@timestamp': '2025-12-04T11:17:27.000Z',
      description: 'Publish a new feature setting',
      action: 'Publish feature setting',
      actorId: 'offline_job',
      resourceType: 'config',
      trace_id: 'bf686bab4d924859801155dccb936680',
      custom_fields: { value: 'true', name: 'user-plans.license.gold.virtualDevice' },
      changes: {
        description: { old: 'Control code generation feature', new: 'Enable the code generation feature for AI commands' },
        value: { old: 'false', new: 'true' },
      },
      ...overrides,
    },
    sort: [1764847044983],
  };
}

function sampleSnakeHit(): Record<string, unknown> {
  return {
    _index: 'perfecto-000058',
    _id: '_-QT6ZoB-PNmllGNi5kd',
    _score: null,
    _source: {
      status: 'SUCCESS',
      timestamp: '2025-12-04T11:16:03.158Z',
      resource_id: 'scriptless-mobile-ide.ai-validations.feedback.email.group',
      actor_type: 'user',
      description: 'Updating a system setting',
      action: 'Update system setting',
      actor_id: 'offline_job',
      resource_type: 'config',
      trace_id: 'ed6b797ce28c46be8722126ace036678',
      changes: { value: { old: 'ai-perfecto-feedback@perforce.com', new: 'perfecto.noreply@perforce.com' } },
    },
    sort: [1764846963158],
  };
}

function envelope(hits: unknown[], total: unknown = { value: hits.length, relation: 'eq' }): Record<string, unknown> {
  return { took: 5, timed_out: false, hits: { total, max_score: null, hits }, status: 200 };
}

const cursor = (index = 0, size = 500): PageCursor => ({ window: RANGE, index, size });

// ---- talking to the emulator --------------------------------------------------------

interface Fetched { status: number; json: unknown }

async function post(url: string, headers: Record<string, string>, body: string | undefined): Promise<Fetched> {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, json: await response.json() };
}

describe('perfecto adapter against the emulator', () => {
  let emulator: Emulator;
  let connection: Connection;
  const credentials: Credentials = EMULATOR_CREDENTIALS.perfecto;
  const searchUrl = () => `${emulator.baseUrl('perfecto')}/api/v1/audit/search`;
  const headers = (token = credentials.token) => ({ 'content-type': 'application/json', 'Perfecto-Authorization': token });

  async function page(query: AuditQuery, at: PageCursor, target = emulator): Promise<Fetched> {
    const conn = { ...connection, baseUrl: target.baseUrl('perfecto') };
    const request = buildHttpRequest(perfectoAdapter, conn, credentials, query, at);
    return post(request.url, request.headers, request.body);
  }

  /** Pages the way the engine does: until a short page or the reported total. */
  async function fetchAll(query: AuditQuery, size = 500, target = emulator) {
    const events: AuditEvent[] = [];
    let total: number | undefined;
    let pages = 0;
    for (let index = 0; ; index++) {
      const { status, json } = await page(query, cursor(index, size), target);
      assert.equal(status, 200);
      const parsed = perfectoAdapter.parsePage(json, cursor(index, size));
      pages++;
      events.push(...parsed.events);
      total = parsed.total;
      if (parsed.recordCount < Math.min(size, 1000) || (total !== undefined && events.length >= total)) break;
    }
    return { events, total, pages };
  }

  const sentBodies = (since: number) => emulator.requests.slice(since).map((entry) => entry.body as Record<string, unknown>);

  let everything: AuditEvent[];

  before(async () => {
    emulator = await Emulator.start({
      routes: [perfectoRoute],
      data: { window: { fromMs: FROM_MS, toMs: TO_MS }, counts: { perfecto: COUNT } },
    });
    connection = { id: 'perfecto-test', label: 'Perfecto', vendor: 'perfecto', baseUrl: emulator.baseUrl('perfecto') };
    everything = (await fetchAll({ ...RANGE }, 1000)).events;
  });

  after(async () => {
    await emulator.close();
  });

  it('fetches every page with the exact count, no duplicates, newest first', async () => {
    const since = emulator.requests.length;
    const { events, total, pages } = await fetchAll({ ...RANGE }, 500);
    assert.equal(total, COUNT);
    assert.equal(events.length, COUNT);
    assert.equal(pages, Math.ceil(COUNT / 500));
    assert.equal(new Set(events.map((event) => event.id)).size, COUNT);
    for (let i = 1; i < events.length; i++) {
      assert.ok((events[i - 1] as AuditEvent).time >= (events[i] as AuditEvent).time, `order broken at ${i}`);
    }
    assert.deepEqual(sentBodies(since).map((body) => body['from']), [1, 2, 3, 4, 5]);
    assert.ok(sentBodies(since).every((body) => body['size'] === 500 && body['timestampFrom'] === RANGE.from && body['timestampTo'] === RANGE.to));
  });

  it('sends the Perfecto-Authorization header and a JSON POST', () => {
    const last = emulator.requests.at(-1);
    assert.equal(last?.method, 'POST');
    assert.equal(last?.path, '/api/v1/audit/search');
    assert.equal(last?.headers['perfecto-authorization'], credentials.token);
    assert.match(String(last?.headers['content-type']), /application\/json/);
  });

  it('never asks for more than 1000 records a page', async () => {
    assert.equal(perfectoAdapter.limits.defaultPageSize, 500);
    assert.equal(perfectoAdapter.limits.maxPageSize, 1000);
    const since = emulator.requests.length;
    const { json } = await page({ ...RANGE }, cursor(0, 5000));
    assert.equal(sentBodies(since)[0]?.['size'], 1000);
    assert.equal(perfectoAdapter.parsePage(json, cursor(0, 1000)).recordCount, 1000);
  });

  it('emulator: `from` 0 or missing means the first page; 1-based after that', async () => {
    const ids = async (body: Record<string, unknown>) => {
      const { status, json } = await post(searchUrl(), headers(), JSON.stringify({ ...body, size: 50 }));
      assert.equal(status, 200);
      return perfectoAdapter.parsePage(json, cursor()).events.map((event) => event.id);
    };
    const first = await ids({ from: 1 });
    assert.deepEqual(await ids({}), first);
    assert.deepEqual(await ids({ from: 0 }), first);
    const second = await ids({ from: 2 });
    assert.deepEqual(second, everything.slice(50, 100).map((event) => event.id));
    assert.deepEqual(first, everything.slice(0, 50).map((event) => event.id));
  });

  it('emulator: an empty body searches everything with the default size of 1000', async () => {
    const { status, json } = await post(searchUrl(), headers(), undefined);
    assert.equal(status, 200);
    const parsed = perfectoAdapter.parsePage(json, cursor());
    assert.equal(parsed.recordCount, 1000);
    assert.equal(parsed.total, COUNT);
  });

  it('mixes key styles between hits like the seed, and the adapter reads both', () => {
    const sources = everything.map((event) => event.raw['_source'] as Record<string, unknown>);
    assert.ok(sources.some((source) => 'resourceId' in source && 'actorId' in source && 'actorType' in source && 'resourceType' in source));
    assert.ok(sources.some((source) => 'resource_id' in source && 'actor_id' in source && 'actor_type' in source && 'resource_type' in source));
    for (const event of everything) {
      assert.ok(event.actor.id && event.actor.type && event.resource.type && event.resource.id && event.traceId, `fields missing on ${event.id}`);
      assert.match(event.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('turns `changes` into change rows', () => {
    const changed = everything.filter((event) => event.changes.length > 0);
    assert.ok(changed.length > 0);
    for (const event of changed.slice(0, 50)) {
      const raw = (event.raw['_source'] as { changes: Record<string, { old: unknown; new: unknown }> }).changes;
      assert.deepEqual(event.changes, Object.entries(raw).map(([field, pair]) => ({ field, old: pair.old, new: pair.new })));
    }
  });

  it('puts the shared trace ids on events at the shared times', () => {
    for (const trace of emulator.dataset.sharedTraces) {
      const event = everything.find((candidate) => candidate.traceId === trace.traceId);
      assert.ok(event, `trace ${trace.traceId} missing`);
      assert.equal(event.time, new Date(trace.timeMs).toISOString());
      assert.equal(event.actor.id, trace.actor.email);
    }
  });

  describe('filters', () => {
    const localCount = (keep: (event: AuditEvent) => boolean) => everything.filter(keep).length;

    async function check(filters: Partial<AuditQuery>, serverSide: boolean, sent: Record<string, unknown>, keep: (event: AuditEvent) => boolean) {
      const query: AuditQuery = { ...RANGE, ...filters };
      const key = Object.keys(filters)[0] as keyof AuditQuery;
      assert.equal(perfectoAdapter.serverFilters(query).has(key as never), serverSide);
      const since = emulator.requests.length;
      const { events } = await fetchAll(query, 1000);
      const body = sentBodies(since)[0] as Record<string, unknown>;
      for (const [name, value] of Object.entries(sent)) assert.equal(body[name], value, `body.${name}`);
      if (serverSide) {
        assert.ok(events.every(keep));
        assert.equal(events.length, localCount(keep));
        assert.ok(events.length > 0 && events.length < COUNT);
      } else {
        assert.equal(events.length, COUNT, 'a local filter must not narrow what is fetched');
      }
    }

    it('status goes to the server uppercase', () =>
      check({ status: 'failure' }, true, { status: 'FAILURE' }, (event) => event.status === 'failure'));

    it('a documented action goes to the server in its documented spelling', () =>
      check({ action: 'update user' }, true, { action: 'Update User' }, (event) => event.action.toLowerCase() === 'update user'));

    it('an action the vendor does not list stays local (it would be a 400)', () =>
      check({ action: 'Publish feature setting' }, false, { action: undefined }, () => true));

    it('an action listed in two spellings stays local', () =>
      check({ action: 'update feature setting' }, false, { action: undefined }, () => true));

    it('a documented resource type goes to the server and matches both key spellings', async () => {
      await check({ resourceType: 'script' }, true, { resourceType: 'Script' }, (event) => event.resource.type === 'Script');
      await check({ resourceType: 'user' }, true, { resourceType: 'user' }, (event) => event.resource.type === 'user');
    });

    it('a trace id goes to the server lowercase and finds the shared event', async () => {
      const trace = emulator.dataset.sharedTraces[0]!.traceId;
      await check({ traceId: trace.toUpperCase() }, true, { traceId: trace }, (event) => event.traceId === trace);
    });

    it('the same trace id written as a UUID, an X-Ray id or a traceparent goes to the server as its 32 hex digits', async () => {
      const trace = emulator.dataset.sharedTraces[0]!.traceId;
      const uuid = `${trace.slice(0, 8)}-${trace.slice(8, 12)}-${trace.slice(12, 16)}-${trace.slice(16, 20)}-${trace.slice(20)}`.toUpperCase();
      const xRay = `1-${trace.slice(0, 8)}-${trace.slice(8)}`;
      const traceparent = `00-${trace}-00f067aa0ba902b7-01`;
      for (const written of [uuid, xRay, traceparent]) {
        await check({ traceId: written }, true, { traceId: trace }, (event) => event.traceId === trace);
      }
    });

    it('actor, resource id, free text and odd trace ids stay local', async () => {
      await check({ actor: 'bob.smith@example.com' }, false, { actorId: undefined }, () => true);
      await check({ resourceId: 'test.ipa' }, false, { resourceId: undefined }, () => true);
      await check({ text: 'device' }, false, { description: undefined }, () => true);
      await check({ traceId: 'not-a-trace' }, false, { traceId: undefined }, () => true);
    });
  });

  describe('errors', () => {
    async function vendorError(body: Record<string, unknown>, token?: string) {
      const { status, json } = await post(searchUrl(), headers(token), JSON.stringify(body));
      return { status, info: perfectoAdapter.parseError(status, json) };
    }

    const documented: Array<[string, Record<string, unknown>, string, string]> = [
      ['status', { status: 'maybe' }, 'Status should be success or failure', '7317780cee0443af842944180832e96c'],
      ['resourceType', { resourceType: 'printer' }, 'Resource type should be one of the resource types. Please refer to the documentation for the complete list.', 'aa2788defb2d4dad8f586863bddc7269'],
      ['action', { action: 'Fly away' }, 'Action should be one of the allowed actions. Please refer to the documentation for the complete list.', 'aa2788defb2d4dad8f586863bddc7269'],
      ['description', { description: 'Something happened' }, 'Description should be one of the allowed descriptions. Please refer to the documentation for the complete list.', 'aa2788defb2d4dad8f586863bddc7269'],
      ['actorType', { actorType: 'robot' }, "Actor type should be either 'admin' or 'user'", 'aa2788defb2d4dad8f586863bddc7269'],
      // The docs' own sample value has a malformed millisecond part.
      ['timestamp', { timestampFrom: '2025-12-15T00:00:000Z' }, 'Timestamp should be in ISO8601 format', 'aa2788defb2d4dad8f586863bddc7269'],
    ];
    for (const [name, body, message, ref] of documented) {
      it(`invalid ${name}: 400 with the vendor's message and support reference`, async () => {
        const { status, info } = await vendorError(body);
        assert.equal(status, 400);
        assert.equal(info?.message, message);
        assert.equal(info?.supportRef, ref);
        assert.ok(!info?.permission);
      });
    }

    it('snake_case request fields are validated too', async () => {
      const { status, info } = await vendorError({ resource_type: 'printer' });
      assert.equal(status, 400);
      assert.match(info?.message ?? '', /^Resource type should be/);
    });

    it('a wrong token gets a 401 in the vendor shape', async () => {
      const { status, info } = await vendorError({}, 'not-the-token');
      assert.equal(status, 401);
      assert.ok(info?.message && info.supportRef);
      assert.ok(!info.message.includes('not-the-token'));
    });

    it('a non-administrator gets 403 "not permitted"', async () => {
      const { status, info } = await vendorError({}, PERFECTO_NON_ADMIN_TOKEN);
      assert.equal(status, 403);
      assert.equal(info?.message, 'operation for getting audit logs is not permitted for current user');
      assert.equal(info?.supportRef, 'e47ee6ea72b3406ea054e7fbe088914b');
      assert.equal(info?.permission, true);
    });

    it('a tenant without audit search gets "not enabled"', async () => {
      const { status, info } = await vendorError({}, PERFECTO_DISABLED_TENANT_TOKEN);
      assert.equal(status, 403);
      assert.match(info?.message ?? '', /^Audit search is not enabled for this tenant/);
      assert.equal(info?.supportRef, '0d53607ba9ec46c39e1b2657ca83cf90');
    });

    it('several problems come back together and are all shown', async () => {
      const { info } = await vendorError({ status: 'maybe', actorType: 'robot' });
      assert.equal(info?.message, "Status should be success or failure; Actor type should be either 'admin' or 'user'");
      assert.equal(info?.supportRef, '7317780cee0443af842944180832e96c, aa2788defb2d4dad8f586863bddc7269');
    });

    it('the emulator rejects what Elasticsearch paging cannot serve', async () => {
      for (const body of [{ size: 10_001 }, { size: -1 }, { from: -1 }, { from: 1.5 }, { from: 'two' }]) {
        const { status, info } = await vendorError(body);
        assert.equal(status, 400, JSON.stringify(body));
        assert.match(info?.message ?? '', /^(size|from) should be/);
      }
      const notObject = await post(searchUrl(), headers(), '"status"');
      assert.equal(notObject.status, 400);
      const wrongMethod = await fetch(searchUrl(), { headers: headers() });
      assert.equal(wrongMethod.status, 405);
    });

    describe('an error list answered with a 200 instead of results, mid-search', () => {
      afterEach(() => emulator.faults.clear());

      /** Searches the whole range one page at a time; the second page is `list`, sent with a 200. */
      async function searchFailingWith(list: unknown): Promise<AuditLensError> {
        emulator.faults.add({ vendor: 'perfecto', skip: 1, times: 1, fault: { kind: 'raw-body', body: JSON.stringify(list) } });
        const http = createHttpClient();
        try {
          const { events, updates } = await collect([{ connection, credentials }], { ...RANGE }, { http, pageSize: { perfecto: 500 }, concurrency: 1 });
          assert.equal(events.length, 500, 'the first page is kept');
          const failure = updates.find((update) => update.kind === 'error');
          assert.ok(failure?.kind === 'error' && isAuditLensError(failure.error), JSON.stringify(updates.map((u) => u.kind)));
          return failure.error;
        } finally {
          await http.close();
        }
      }

      const cases: Array<[string, string, string, AuditLensError['reason'], RegExp]> = [
        ['not permitted', 'operation for getting audit logs is not permitted for current user', 'e47ee6ea72b3406ea054e7fbe088914b', 'permission', /use an administrator's token/],
        ['not enabled', 'Audit search is not enabled for this tenant. Please contact Perfecto administrator to enable audit search logs.', '0d53607ba9ec46c39e1b2657ca83cf90', 'permission', /ask a Perfecto administrator to enable audit search/],
        ['a bad token', 'Security token is missing, invalid or expired. Generate a new security token and try again.', '5f0c', 'auth', /Update the security token for this connection/],
        ['an invalid parameter', 'Status should be success or failure', '7317780cee0443af842944180832e96c', 'vendor-validation', /Adjust the search \(time range, filters\)/],
      ];
      for (const [name, userMessage, developerMessage, reason, advice] of cases) {
        it(`${name}: typed "${reason}", showing the message and the support reference`, async () => {
          const error = await searchFailingWith([{ userMessage, developerMessage }]);
          assert.equal(error.reason, reason);
          assert.equal(error.vendor, 'perfecto');
          assert.equal(error.isCredentialProblem, reason !== 'vendor-validation');
          assert.equal(error.vendorMessage, userMessage);
          assert.equal(error.supportRef, developerMessage);
          assert.ok(error.message.startsWith(`Perfecto answered with an error instead of results: "${userMessage}". `), error.message);
          assert.match(error.message, advice);
          assert.ok(error.message.endsWith(` (support reference: ${developerMessage}).`), error.message);
        });
      }

      it('several messages are all shown, typed by the one that forbids the search', async () => {
        const error = await searchFailingWith([
          { userMessage: 'Status should be success or failure', developerMessage: 'a1' },
          { userMessage: 'operation for getting audit logs is not permitted for current user' },
        ]);
        assert.equal(error.reason, 'permission');
        assert.equal(error.vendorMessage, 'Status should be success or failure; operation for getting audit logs is not permitted for current user');
        assert.equal(error.supportRef, 'a1');
      });
    });

    it('bodies of another shape are not claimed', () => {
      assert.equal(perfectoAdapter.parseError(500, { message: 'boom' }), undefined);
      assert.equal(perfectoAdapter.parseError(500, []), undefined);
      assert.equal(perfectoAdapter.parseError(502, '<html>bad gateway</html>'), undefined);
    });
  });

  it('emulated data lags one hour behind the clock', async () => {
    const now = TO_MS - 6 * HOUR;
    const lagging = await Emulator.start({
      routes: [perfectoRoute],
      now: () => now,
      data: { window: { fromMs: FROM_MS, toMs: TO_MS }, counts: { perfecto: COUNT } },
    });
    try {
      const { events, total } = await fetchAll({ ...RANGE }, 1000, lagging);
      const expected = everything.filter((event) => Date.parse(event.time) <= now - HOUR);
      assert.ok(expected.length > 0 && expected.length < COUNT);
      assert.equal(total, expected.length);
      assert.deepEqual(events.map((event) => event.id), expected.map((event) => event.id));
    } finally {
      await lagging.close();
    }
  });
});

describe('perfecto adapter on its own', () => {
  const connection: Connection = { id: 'p', label: 'Perfecto', vendor: 'perfecto', baseUrl: 'https://acme.app.perfectomobile.com' };

  it('maps the 0-based cursor to 1-based pages and sends ISO times', () => {
    const request = perfectoAdapter.buildRequest(connection, { from: '2025-12-01T00:00:00Z', to: '2025-12-02T00:00:00Z' }, {
      window: { from: '2025-12-01T00:00:00Z', to: '2025-12-02T00:00:00Z' }, index: 2, size: 250,
    });
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/api/v1/audit/search');
    assert.deepEqual(request.body, { timestampFrom: '2025-12-01T00:00:00.000Z', timestampTo: '2025-12-02T00:00:00.000Z', size: 250, from: 3 });
  });

  it('refuses an empty token with a config error that never echoes it', () => {
    assert.throws(() => perfectoAdapter.authHeaders(connection, { token: '  ' }), (error: unknown) =>
      error instanceof AuditLensError && error.reason === 'config' && /security token/.test(error.message));
    assert.deepEqual(perfectoAdapter.authHeaders(connection, { token: 'abc' }), { 'Perfecto-Authorization': 'abc' });
  });

  it('flags a connection of another vendor', () => {
    assert.equal(perfectoAdapter.validateConnection(connection), undefined);
    assert.match(perfectoAdapter.validateConnection({ ...connection, vendor: 'zluri' }) ?? '', /not a Perfecto connection/);
  });

  it("normalizes the seed's camelCase sample hit", () => {
    const hit = sampleCamelHit();
    const page = perfectoAdapter.parsePage(envelope([hit], { value: 166, relation: 'eq' }), cursor());
    assert.equal(page.total, 166);
    assert.equal(page.recordCount, 1);
    assert.deepEqual(page.warnings, []);
    const [event] = page.events;
    assert.deepEqual(event, {
      vendor: 'perfecto',
      id: 'FeQU6ZoB-PNmllGN05rh',
      time: '2025-12-04T11:17:24.983Z',
      actor: { id: 'offline_job', name: null, type: 'user', role: null },
      action: 'Publish feature setting',
      resource: { type: 'config', id: 'user-plans.license.gold.virtualDevice', name: 'user-plans.license.gold.virtualDevice' },
      status: 'success',
      description: 'Publish a new feature setting',
      traceId: 'bf686bab4d924859801155dccb936680',
      changes: [
        { field: 'description', old: 'Control code generation feature', new: 'Enable the code generation feature for AI commands' },
        { field: 'value', old: 'false', new: 'true' },
      ],
      raw: hit,
    });
    assert.equal(event?.raw, hit, 'raw is the record exactly as received');
  });

  it("normalizes the seed's snake_case sample hit and a camelCase traceId", () => {
    const [snake, camelTrace] = perfectoAdapter.parsePage(envelope([
      sampleSnakeHit(),
      sampleCamelHit({ trace_id: undefined, traceId: 'fa10c3efcd3342b9872471a2891ecf30', status: 'FAILURE' }),
    ]), cursor()).events;
    assert.deepEqual(snake?.actor, { id: 'offline_job', name: null, type: 'user', role: null });
    assert.deepEqual(snake?.resource, { type: 'config', id: 'scriptless-mobile-ide.ai-validations.feedback.email.group', name: null });
    assert.equal(snake?.traceId, 'ed6b797ce28c46be8722126ace036678');
    assert.equal(snake?.time, '2025-12-04T11:16:03.158Z');
    assert.deepEqual(snake?.changes, [{ field: 'value', old: 'ai-perfecto-feedback@perforce.com', new: 'perfecto.noreply@perforce.com' }]);
    assert.equal(camelTrace?.traceId, 'fa10c3efcd3342b9872471a2891ecf30');
    assert.equal(camelTrace?.status, 'failure');
  });

  it('returns every record of a drifted page with one warning', () => {
    const drifted = sampleCamelHit({ timestamp: false, action: 42 });
    (drifted as { _id: string })._id = 'drifted-hit';
    const page = perfectoAdapter.parsePage(envelope([sampleCamelHit(), drifted, sampleSnakeHit()]), cursor());
    assert.equal(page.events.length, 3);
    assert.equal(page.warnings.length, 1);
    assert.equal(page.warnings[0]?.eventId, 'drifted-hit');
    const salvaged = page.events[1];
    assert.equal(salvaged?.id, 'drifted-hit');
    assert.equal(salvaged?.time, '2025-12-04T11:17:27.000Z', 'falls back to @timestamp');
    assert.equal(salvaged?.action, '42');
    assert.equal(salvaged?.traceId, 'bf686bab4d924859801155dccb936680');
  });

  it('salvages a hit without _id or _source', () => {
    const page = perfectoAdapter.parsePage(envelope([{ sort: [1764847044983] }, 'junk']), cursor());
    assert.equal(page.events.length, 2);
    assert.equal(page.warnings.length, 2);
    assert.equal(page.events[0]?.time, '2025-12-04T11:17:24.983Z');
    assert.match(page.events[0]?.id ?? '', /^[0-9a-f]{32}$/);
  });

  it('reports no total when Elasticsearch stopped counting', () => {
    assert.equal(perfectoAdapter.parsePage(envelope([], { value: 10000, relation: 'gte' }), cursor()).total, undefined);
    assert.equal(perfectoAdapter.parsePage(envelope([], 42), cursor()).total, 42);
  });

  it('rejects unusable envelopes with a schema error', () => {
    for (const body of [null, 'text', 42, [], {}, { hits: {} }, { hits: { hits: 'x' } }]) {
      assert.throws(() => perfectoAdapter.parsePage(body, cursor()), (error: unknown) =>
        error instanceof AuditLensError && error.reason === 'schema', JSON.stringify(body));
    }
    assert.throws(() => perfectoAdapter.parsePage([{ userMessage: 'Audit search is not enabled', developerMessage: 'x' }], cursor()),
      (error: unknown) => error instanceof AuditLensError && /Audit search is not enabled/.test(error.message));
  });

  it('parsePage on arbitrary JSON returns a page or throws AuditLensError only', () => {
    const hitLike = fc.record({
      _id: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
      _source: fc.oneof(fc.jsonValue(), fc.dictionary(
        fc.constantFrom('timestamp', 'action', 'status', 'resourceId', 'resource_id', 'actor_id', 'trace_id', 'traceId', 'changes', 'custom_fields'),
        fc.jsonValue(),
      )),
      sort: fc.jsonValue(),
    });
    const body = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.oneof(hitLike, fc.jsonValue())).map((hits) => envelope(hits)),
      fc.record({ hits: fc.record({ total: fc.jsonValue(), hits: fc.array(hitLike) }) }),
    );
    fc.assert(fc.property(body, (value) => {
      try {
        const page = perfectoAdapter.parsePage(value, cursor());
        assert.equal(page.events.length, page.recordCount);
        for (const event of page.events) assert.equal(typeof event.time, 'string');
      } catch (error) {
        if (!(error instanceof AuditLensError)) throw error;
      }
    }), { numRuns: FUZZ_RUNS });
  });
});
