import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditLensError } from '../../../src/core/errors';
import { VENDORS, type AuditEvent } from '../../../src/core/model';
import { formatQuickSearch, parseQuickSearch, QueryParseError } from '../../../src/core/query/parse';
import { resolveQuery } from '../../../src/core/query/resolve';
import type { PageCursor } from '../../../src/core/vendors/adapter';
import { ADAPTERS } from '../../../src/core/vendors/registry';
import { toCsv, toJson, toNdjson } from '../../../src/core/export/formats';
import { RECORDS_OF } from './harness';

/** Short in CI (the default); `npm run test:fuzz` runs 10,000 of each. */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CURSOR: PageCursor = { window: { from: '2025-12-01T00:00:00.000Z', to: '2025-12-08T00:00:00.000Z' }, index: 0, size: 50 };

/** Each vendor's envelope with arbitrary records in its list, so fuzzing reaches the record normalizers. */
const ENVELOPE = {
  perfecto: (records: unknown[]) => ({ hits: { total: { value: records.length }, hits: records.map((r) => (asHit(r))) } }),
  axp: (records: unknown[]) => ({ pagination: { pageNumber: 1, pageSize: 50, total: records.length }, auditRecords: records }),
  descope: (records: unknown[]) => ({ audits: records, total: records.length }),
  surfsight: (records: unknown[]) => ({ data: records, metadata: { count: records.length } }),
  zluri: (records: unknown[]) => ({ count: records.length, items: records }),
};
function asHit(record: unknown): unknown {
  return record !== null && typeof record === 'object' && !Array.isArray(record) ? { _id: 'x', _source: record } : record;
}

/** Values that break naive code: prototype keys, huge numbers, odd dates, HTML. */
const nasty = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', '', ' ', '<script>alert(1)</script>', 'NaN', '1e309', '-0', '0000-00-00', '9999-99-99T99:99:99Z'),
  fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
);
const recordish = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('date', 'occurred', 'createdAt', 'event_timestamp', 'timestamp', 'ID', 'id', '_id', 'changes', 'value', 'previousValue', 'auditData', 'data', 'event_description', '__proto__', 'constructor')), fc.oneof(nasty, fc.jsonValue())),
);

function assertEvent(event: AuditEvent, vendor: string): void {
  assert.equal(event.vendor, vendor);
  assert.equal(typeof event.id, 'string');
  assert.ok(event.id.length > 0, 'an empty id');
  assert.match(event.time, ISO_MS);
  assert.equal(typeof event.action, 'string');
  assert.ok(event.status === null || event.status === 'success' || event.status === 'failure');
  assert.ok(event.description === null || typeof event.description === 'string');
  assert.ok(Array.isArray(event.changes) && event.changes.every((c) => typeof c.field === 'string'));
  assert.ok(event.raw !== null && typeof event.raw === 'object');
}

/** Row 18: fast-check over every adapter's parsePage and the quick-search parser. */
describe('reliability 18: fuzzing (FUZZ_RUNS runs each)', function () {
  this.timeout(Math.max(20_000, FUZZ_RUNS * 20));

  for (const vendor of VENDORS) {
    const adapter = ADAPTERS[vendor];
    it(`fuzz ${vendor} parsePage: any JSON or vendor-shaped page gives valid events or a typed error, never a crash`, () => {
      const body = fc.oneof(fc.jsonValue(), fc.array(recordish, { maxLength: 8 }).map((records) => ENVELOPE[vendor](records)));
      fc.assert(fc.property(body, (value) => {
        let page;
        try {
          page = adapter.parsePage(value, CURSOR);
        } catch (error) {
          assert.ok(error instanceof AuditLensError, `threw ${String(error)}`);
          assert.equal(error.reason, 'schema');
          return;
        }
        assert.equal(page.events.length, page.recordCount, 'a record was dropped');
        for (const event of page.events) assertEvent(event, vendor);
        const ids = new Set(page.events.map((e) => e.id));
        for (const warning of page.warnings) assert.ok(ids.has(warning.eventId), 'a warning names no event');
        // Whatever came in must export.
        toCsv(page.events);
        toNdjson(page.events);
        toJson(page.events);
      }), { numRuns: FUZZ_RUNS });
    });

    it(`fuzz ${vendor} parsePage keeps every record of a vendor-shaped page whatever its fields hold`, () => {
      const records = fc.array(fc.dictionary(fc.string(), nasty), { minLength: 1, maxLength: 6 });
      fc.assert(fc.property(records, (list) => {
        const page = adapter.parsePage(ENVELOPE[vendor](list), CURSOR);
        assert.equal(page.events.length, RECORDS_OF[vendor](ENVELOPE[vendor](list)).length);
      }), { numRuns: FUZZ_RUNS });
    });

    it(`fuzz ${vendor} parseError: any status and body give undefined or a message, never a crash`, () => {
      fc.assert(fc.property(fc.integer({ min: 100, max: 599 }), fc.oneof(fc.jsonValue(), fc.string()), (status, body) => {
        const info = adapter.parseError(status, body);
        assert.ok(info === undefined || typeof info.message === 'string');
      }), { numRuns: FUZZ_RUNS });
    });
  }

  it('fuzz regression: an epoch time outside the years 0000–9999 falls back with a warning instead of breaking the time format', () => {
    for (const ms of [-62_167_219_200_001, 253_402_300_800_000]) {
      for (const [vendor, page] of [
        ['surfsight', { data: [{ id: 1, createdAt: ms }], metadata: { count: 1 } }],
        ['zluri', { count: 1, items: [{ _id: 'z', event_timestamp: ms }] }],
      ] as const) {
        const parsed = ADAPTERS[vendor].parsePage(page, CURSOR);
        assert.match(parsed.events[0]?.time ?? '', ISO_MS, `${vendor} ${ms}`);
        assert.equal(parsed.warnings.length, 1);
      }
    }
  });

  it('fuzz regression: an empty quoted word adds no text filter, so the query formats back to itself', () => {
    assert.deepEqual(parseQuickSearch('""').filters, {});
    assert.deepEqual(parseQuickSearch('"" x').filters, { text: 'x' });
  });

  const queryText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.array(fc.oneof(
      fc.constantFrom('actor:', 'action:', 'resource:', 'status:', 'trace:', 'since:', 'from:', 'to:', '"', '\\', ':', ' ', '/', 'failure', 'success', '24h', '2025-12-01', '\u0000', '\u202e'),
      fc.string({ maxLength: 8 }),
    ), { maxLength: 12 }).map((parts) => parts.join('')),
  );

  it('fuzz parseQuickSearch: any text parses or throws a QueryParseError pointing inside the text', () => {
    fc.assert(fc.property(queryText, (text) => {
      let parsed;
      try {
        parsed = parseQuickSearch(text);
      } catch (error) {
        assert.ok(error instanceof QueryParseError, `threw ${String(error)}`);
        assert.ok(error.position >= 0 && error.position <= text.length, `position ${error.position} outside "${text}"`);
        assert.ok(error.message.length > 0);
        return;
      }
      // What parses formats back to text that parses to the same filters.
      assert.deepEqual(parseQuickSearch(formatQuickSearch(parsed)).filters, parsed.filters);
      try {
        const query = resolveQuery(parsed, { now: Date.parse('2025-12-20T12:00:00Z'), defaultSince: '24h' });
        assert.ok(!Number.isNaN(Date.parse(query.from)) && !Number.isNaN(Date.parse(query.to)));
      } catch (error) {
        assert.ok(error instanceof QueryParseError, `resolveQuery threw ${String(error)}`);
      }
    }), { numRuns: FUZZ_RUNS });
  });
});
