import * as assert from 'node:assert/strict';
import { vendorName } from '../../../src/core/http/vendorNames';
import { VENDORS, type VendorId } from '../../../src/core/model';
import type { Fault } from '../../../src/emulator/faults';
import type { Emulator, RequestLogEntry } from '../../../src/emulator/server';
import { emulatorTarget } from '../search/fixtures';
import { assertUnique, COUNT, fastClient, PAGE, runSearch, startReliabilityEmulator } from './harness';

/** Which page a request asked for, in the vendor's own terms. */
const PAGE_OF: Record<VendorId, (request: RequestLogEntry) => string> = {
  perfecto: (r) => String((r.body as { from?: number }).from ?? 0),
  axp: (r) => r.query.pageNumber ?? '1',
  descope: (r) => String((r.body as { page?: number }).page ?? 0),
  surfsight: (r) => r.query.offset ?? '0',
  zluri: (r) => `${r.query.start_date}/${r.query.page}`,
};

const TRANSIENT: Array<[string, Fault]> = [
  ['502', { kind: 'status', status: 502 }],
  ['503', { kind: 'status', status: 503 }],
  ['504', { kind: 'status', status: 504 }],
  ['a reset before the headers', { kind: 'reset-before-headers' }],
  ['a reset mid-body', { kind: 'reset-mid-body' }],
];

/** Row 2: 502/503/504 and resets on the first page and mid-paging, for every vendor, through the engine. */
describe('reliability 2: server errors and resets through the search engine', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  const baseline = new Map<VendorId, string[]>();

  before(async () => {
    emulator = await startReliabilityEmulator();
    for (const vendor of VENDORS) {
      const http = fastClient();
      await runSearch([emulatorTarget(emulator, vendor)], { http, pageSize: { [vendor]: PAGE }, concurrency: 1 });
      await http.close();
      baseline.set(vendor, emulator.requests.map(PAGE_OF[vendor]));
      emulator.requests.length = 0;
    }
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.requests.length = 0;
  });

  for (const vendor of VENDORS) {
    for (const [name, fault] of TRANSIENT) {
      for (const [where, skip] of [['the first page', 0], ['mid-paging', 3]] as const) {
        it(`${vendor}: retries ${name} on ${where}; no page skipped or doubled`, async () => {
          emulator.faults.add({ vendor, skip, times: 1, fault });
          const http = fastClient();
          try {
            const run = await runSearch([emulatorTarget(emulator, vendor)], { http, pageSize: { [vendor]: PAGE }, concurrency: 1 });
            assert.deepEqual(run.errors.map((e) => e.error.message), []);
            assert.equal(run.events.length, COUNT);
            assertUnique(run.events);
            const expected = [...(baseline.get(vendor) ?? [])];
            expected.splice(skip, 0, expected[skip] as string); // the failed page, asked for again
            assert.deepEqual(emulator.requests.map(PAGE_OF[vendor]), expected);
            assert.equal(run.summary.connections[0]?.complete, true);
          } finally {
            await http.close();
          }
        });
      }
    }

    it(`${vendor}: after the retry budget, the error names the vendor and what was fetched is kept`, async () => {
      emulator.faults.add({ vendor, skip: 2, fault: { kind: 'status', status: 503 } });
      emulator.faults.add({ vendor, skip: 2, fault: { kind: 'reset-before-headers' } });
      const http = fastClient({ maxRetries: 2 });
      try {
        const run = await runSearch([emulatorTarget(emulator, vendor)], { http, pageSize: { [vendor]: PAGE }, concurrency: 1 });
        assert.equal(run.errors.length, 1);
        const { error, connectionId } = run.errors[0]!;
        assert.equal(connectionId, `test-${vendor}`);
        assert.equal(error.vendor, vendor);
        assert.equal(error.reason, 'server');
        assert.ok(error.message.startsWith(`${vendorName(vendor)} had a server error (503) after 3 attempts`), error.message);
        assert.equal(emulator.requests.length, 2 + 3);
        assert.equal(run.events.length, 2 * PAGE, 'the pages fetched before the failure were dropped');
        assert.equal(run.summary.connections[0]?.complete, false);
        assert.equal(run.summary.connections[0]?.events, 2 * PAGE);
      } finally {
        await http.close();
      }
    });

    it(`${vendor}: repeated resets end in a network error naming the vendor, keeping what was fetched`, async () => {
      emulator.faults.add({ vendor, skip: 1, fault: { kind: 'reset-mid-body' } });
      const http = fastClient({ maxRetries: 2 });
      try {
        const run = await runSearch([emulatorTarget(emulator, vendor)], { http, pageSize: { [vendor]: PAGE }, concurrency: 1 });
        const error = run.errors[0]?.error;
        assert.equal(error?.reason, 'network');
        assert.ok(error?.message.includes(vendorName(vendor)), error?.message);
        assert.match(error?.message ?? '', /Gave up after 3 attempts\.$/);
        assert.equal(run.events.length, PAGE);
      } finally {
        await http.close();
      }
    });
  }
});
