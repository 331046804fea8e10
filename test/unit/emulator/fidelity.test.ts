import assert from 'node:assert/strict';
import { createHttpClient } from '../../../src/core/http/client';
import type { AuditQuery, Connection } from '../../../src/core/model';
import { search } from '../../../src/core/search/engine';
import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { AXP_NON_ADMIN_TOKEN } from '../../../src/emulator/vendors/axp/route';

/*
 * The emulator checked against the vendors' own documents (/work/shared/seeds, VENDORS.md):
 * the field names of the seeds' samples, the value formats and the parameter rules.
 * The key lists below are copied from the seeds' sample responses.
 */

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 11, 4, 12, 0, 0);
const FROM_MS = NOW - 20 * DAY;
const TO_MS = NOW - 2 * HOUR;
const FROM = new Date(FROM_MS).toISOString();
const TO = new Date(TO_MS).toISOString();
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Perfecto seed, first sample hit (camelCase) and second (snake_case). */
const PERFECTO_COMMON = [
  'status', 'service', 'timestamp', '@timestamp', '@version', 'region', 'description', 'action', 'tags',
  'trace_id', 'custom_fields', 'hostname', 'tenant_id', 'module', 'changes', 'product_name',
];
const PERFECTO_CAMEL = ['resourceId', 'actorType', 'actorId', 'resourceType'];
const PERFECTO_SNAKE = ['resource_id', 'actor_type', 'actor_id', 'resource_type'];
const AXP_RECORD = ['auditData', 'author', 'date', 'event', 'ipAddress', 'type'];
const DESCOPE_RECORD = [
  'ID', 'projectId', 'userId', 'action', 'occurred', 'device', 'method', 'geo', 'remoteAddress',
  'externalIds', 'tenants', 'data', 'type', 'actorId',
];
/** VENDORS.md's Surfsight record, `entityTpe` spelt as in the vendor's sample. */
const SURFSIGHT_RECORD = [
  'id', 'message', 'reason', 'createdAt', 'value', 'previousValue', 'organizationId', 'organizationName',
  'partnerId', 'partnerName', 'userId', 'userName', 'imei', 'entityId', 'entityTpe', 'source', 'method',
  'endpoint', 'queryParams', 'requestId',
].sort();
const ZLURI_ITEM = [
  '_id', 'actor', 'actor_id', 'actor_name', 'actor_role', 'entity', 'event', 'event_description',
  'event_timestamp', 'event_title', 'event_type',
];

/** Test reads of JSON bodies whose shapes the assertions check. */
interface Answer { status: number; body: any }

let emulator: Emulator;

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const response = await fetch(`${emulator.origin}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json() };
}

const perfecto = (body: unknown) => call('/perfecto/api/v1/audit/search', {
  method: 'POST', headers: { 'Perfecto-Authorization': EMULATOR_CREDENTIALS.perfecto.token }, body,
});
const axpPath = `/axp/api/admin/user/v1/accounts/${EMULATOR_AXP_ACCOUNT}/audit-records:search`;
const axp = (body: unknown, query = 'pageSize=50&orderBy=date%20desc', token = EMULATOR_CREDENTIALS.axp.token) => call(`${axpPath}?${query}`, {
  method: 'POST', headers: { appkey: EMULATOR_CREDENTIALS.axp.appKey as string, authorization: `Bearer ${token}` }, body,
});
const descope = (body: unknown) => call('/descope/v1/mgmt/audit/search', {
  method: 'POST', headers: { authorization: `Bearer ${EMULATOR_CREDENTIALS.descope.token}` }, body,
});
const surfsight = (query: string) => call(`/surfsight/v2/audit-logs?${query}`, {
  headers: { authorization: `Bearer ${EMULATOR_CREDENTIALS.surfsight.token}` },
});
const zluri = (query: string) => call(`/zluri/ext/v1/audit/list?${query}`, { headers: { 'api-key': EMULATOR_CREDENTIALS.zluri.token } });

const sortedKeys = (record: object) => Object.keys(record).sort();

describe('emulator fidelity to the vendor documents', () => {
  before(async () => {
    emulator = await startEmulator({
      now: () => NOW,
      rateLimits: false,
      data: { window: { fromMs: FROM_MS, toMs: TO_MS }, counts: { perfecto: 300, axp: 200, descope: 200, surfsight: 200, zluri: 300 } },
    });
  });

  after(async () => {
    await emulator.close();
  });

  describe('Perfecto', () => {
    it('answers in the seed sample\'s Elasticsearch envelope, each hit in one of its two key styles', async () => {
      const { status, body } = await perfecto({ timestampFrom: FROM, timestampTo: TO, size: 300 });
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body), ['took', 'timed_out', '_shards', 'hits', 'status']);
      assert.deepEqual(body.hits.total, { value: 300, relation: 'eq' });
      const styles = new Set<string>();
      for (const hit of body.hits.hits) {
        assert.deepEqual(Object.keys(hit), ['_index', '_id', '_score', '_source', 'sort']);
        const keys = Object.keys(hit._source);
        const style = keys.includes('resourceId') ? PERFECTO_CAMEL : PERFECTO_SNAKE;
        styles.add(style[0] as string);
        const allowed = new Set([...PERFECTO_COMMON, ...style]);
        assert.deepEqual(keys.filter((key) => !allowed.has(key)), [], 'a key the seed does not show');
        for (const key of style) assert.ok(keys.includes(key), `missing ${key}`);
        assert.match(hit._source.timestamp, ISO_MS);
        assert.deepEqual(hit.sort, [Date.parse(hit._source.timestamp)]);
        assert.match(hit._source.trace_id, /^[0-9a-f]{32}$/);
      }
      assert.equal(styles.size, 2, 'one response mixes both key styles, as the seed\'s does');
    });
  });

  describe('AXP', () => {
    it('records carry exactly the seed sample\'s fields, dates ISO with milliseconds', async () => {
      const { status, body } = await axp({ startDate: FROM, endDate: TO });
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body), ['pagination', 'auditRecords', 'links']);
      assert.deepEqual(Object.keys(body.pagination), ['pageNumber', 'pageSize', 'total']);
      assert.equal(body.auditRecords.length, 50);
      for (const record of body.auditRecords) {
        assert.deepEqual(sortedKeys(record), AXP_RECORD);
        assert.match(record.date, ISO_MS);
        assert.ok(['CREATED', 'UPDATED', 'DELETED'].includes(record.event));
        assert.ok(record.ipAddress.length <= 15);
      }
    });

    it('takes startDate/endDate only in ISO 8601, as the seed writes them', async () => {
      for (const startDate of ['12/04/2025', 'Thu, 04 Dec 2025 10:00:00 GMT', '2025-12-04 10:00:00', '1764842400000']) {
        const { status, body } = await axp({ startDate, endDate: TO });
        assert.equal(status, 400, startDate);
        assert.match(body.detail, /startDate must be an ISO-8601 date-time/);
      }
      const offset = await axp({ startDate: '2025-11-20T14:00:00+02:00', endDate: TO });
      const utc = await axp({ startDate: '2025-11-20T12:00:00.000Z', endDate: TO });
      assert.equal(offset.status, 200);
      assert.deepEqual(offset.body.pagination, utc.body.pagination);
    });

    it('refuses a caller without the Account Administrator role with a 403 problem body', async () => {
      const { status, body } = await axp({ startDate: FROM, endDate: TO }, 'pageSize=5', AXP_NON_ADMIN_TOKEN);
      assert.equal(status, 403);
      assert.equal(body.title, 'Forbidden');
      assert.equal(body.status, 403);
      assert.match(body.detail, /Account Administrator/);
    });

    it('the engine reports that 403 as a permission problem, with AXP\'s words and no credential', async () => {
      const connection: Connection = {
        id: 'axp-fidelity', label: 'AXP', vendor: 'axp', baseUrl: emulator.baseUrl('axp'), accountId: EMULATOR_AXP_ACCOUNT,
      };
      const credentials = { token: AXP_NON_ADMIN_TOKEN, appKey: EMULATOR_CREDENTIALS.axp.appKey };
      const query: AuditQuery = { from: FROM, to: TO };
      const http = createHttpClient();
      const errors = [];
      try {
        for await (const update of search([{ connection, credentials }], query, { http, now: () => NOW })) {
          if (update.kind === 'error') errors.push(update.error);
          if (update.kind === 'page') assert.fail('a refused search returned a page');
        }
      } finally {
        await http.close();
      }
      assert.equal(errors.length, 1);
      const error = errors[0];
      assert.equal(error?.reason, 'permission');
      assert.match(error?.message ?? '', /Account Administrator/);
      assert.ok(!(error?.message ?? '').includes(AXP_NON_ADMIN_TOKEN));
    });
  });

  describe('Descope', () => {
    it('records use only the seed\'s fields; occurred is epoch milliseconds in a string', async () => {
      const { status, body } = await descope({ from: FROM_MS, to: TO_MS, batchSize: 200 });
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body), ['audits', 'total']);
      assert.equal(body.total, 200);
      for (const audit of body.audits) {
        assert.deepEqual(Object.keys(audit).filter((key) => !DESCOPE_RECORD.includes(key)), []);
        assert.match(audit.occurred, /^\d{13}$/);
        assert.equal(typeof audit.ID, 'string');
        assert.equal(typeof audit.data, 'object');
      }
    });

    it('takes from/to as epoch milliseconds, a number or a numeric string, and refuses anything else', async () => {
      const asNumbers = await descope({ from: FROM_MS, to: TO_MS, batchSize: 1 });
      const asStrings = await descope({ from: String(FROM_MS), to: String(TO_MS), batchSize: 1 });
      assert.equal(asNumbers.status, 200);
      assert.deepEqual(asStrings.body, asNumbers.body);
      // An int64 of 0, written either way, is the default: unset, not the epoch.
      const unsetAsNumber = await descope({ from: FROM_MS, to: 0, batchSize: 1 });
      const unsetAsString = await descope({ from: FROM_MS, to: '0', batchSize: 1 });
      assert.equal(unsetAsString.status, 200);
      assert.deepEqual(unsetAsString.body, unsetAsNumber.body);
      for (const from of [FROM, '2025-11-14', FROM_MS + 0.5, -1, '1e12']) {
        const { status, body } = await descope({ from, to: TO_MS });
        assert.equal(status, 400, String(from));
        assert.match(body.errorMessage, /"from" must be epoch milliseconds/);
      }
    });
  });

  describe('Surfsight', () => {
    it('records carry VENDORS.md\'s fields, values JSON-in-strings or null', async () => {
      const { status, body } = await surfsight(`start=${FROM}&end=${TO}&limit=200`);
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body), ['data', 'metadata']);
      assert.deepEqual(body.metadata, { count: 200, limit: 200, offset: 0 });
      for (const record of body.data) {
        assert.deepEqual(sortedKeys(record), SURFSIGHT_RECORD);
        assert.match(record.createdAt, ISO_MS);
        for (const field of ['value', 'previousValue']) assert.ok(record[field] === null || typeof record[field] === 'string', field);
        assert.equal(record.queryParams, '{}');
      }
      assert.ok(body.data.some((record: { value: string | null }) => record.value?.startsWith('{')), 'some values are JSON objects in strings');
    });

    it('takes start/end as date-times with a zone (OpenAPI date-time), as the seed\'s example', async () => {
      for (const start of ['2025-11-20T12:00', '2025-11-20T12:00:00', '2025-11-20', 'yesterday']) {
        const { status, body } = await surfsight(`start=${start}&end=${TO}`);
        assert.equal(status, 400, start);
        assert.match(body.message, /"start" must be a valid ISO 8601 date/);
      }
      const offset = await surfsight(`start=${encodeURIComponent('2025-11-20T14:00:00+02:00')}&end=${TO}&limit=1`);
      const utc = await surfsight(`start=2025-11-20T12:00:00.000Z&end=${TO}&limit=1`);
      assert.equal(offset.status, 200);
      assert.deepEqual(offset.body, utc.body);
    });
  });

  describe('Zluri', () => {
    it('answers in the seed\'s envelope, items with its exact fields, oldest first, HTML in the texts', async () => {
      const from = new Date(TO_MS - 5 * DAY).toISOString();
      const { status, body } = await zluri(`start_date=${from}&end_date=${TO}&page_size=100`);
      assert.equal(status, 200);
      assert.deepEqual(sortedKeys(body), ['count', 'end_date', 'items', 'page', 'page_size', 'start_date']);
      assert.equal(body.page, 1);
      assert.equal(body.page_size, 100);
      assert.ok(body.items.length > 10);
      for (const item of body.items) {
        assert.deepEqual(sortedKeys(item), ZLURI_ITEM);
        assert.match(item._id, /^[0-9a-f]{24}$/);
        assert.match(item.event_timestamp, ISO_MS);
        assert.ok(item.actor_role === null || typeof item.actor_role === 'string');
      }
      const times = body.items.map((item: { event_timestamp: string }) => item.event_timestamp);
      assert.deepEqual(times, [...times].sort());
      assert.ok(body.items.every((item: { event_description: string }) => item.event_description.includes('<b>')));
    });

    it('refuses the seed\'s documented bad parameters with its own messages', async () => {
      const cases: [string, string][] = [
        [`page=0&end_date=${TO}`, 'The page parameter must be equal to or greater than 1.'],
        [`page_size=0&end_date=${TO}`, 'The page_size parameter must be equal to or greater than 1.'],
        [`page_size=101&end_date=${TO}`, 'The page_size parameter must be equal to or less than 100.'],
        [`start_date=soon&end_date=${TO}`, 'The start_date parameter must be of ISO 8601 format'],
        ['end_date=later', 'The end_date parameter must be of ISO 8601 format'],
        [`start_date=${TO}&end_date=${FROM}`, 'The end_date parameter must be a date later than the start_date.'],
      ];
      for (const [query, msg] of cases) {
        const { status, body } = await zluri(query);
        assert.equal(status, 400, query);
        assert.deepEqual(body, { code: 'MISC', errors: [{ msg }] });
      }
    });
  });
});
