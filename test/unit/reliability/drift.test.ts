import * as assert from 'node:assert/strict';
import { VENDORS, type VendorId } from '../../../src/core/model';
import { buildHttpRequest } from '../../../src/core/search/requestBuilder';
import { getAdapter } from '../../../src/core/vendors/registry';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget } from '../search/fixtures';
import { assertUnique, COUNT, fastClient, PAGE, QUERY, RECORDS_OF, runSearch, useReliabilityEmulator } from './harness';

type Fields = Record<string, unknown>;

/** The audit record inside a vendor's list entry (Perfecto wraps it in an Elasticsearch hit). */
const fieldsOf = (vendor: VendorId, entry: Fields): Fields => (vendor === 'perfecto' ? entry._source as Fields : entry);

/** A wrong type in a field each vendor's schema types strictly. */
const WRONG_TYPE: Record<VendorId, Fields> = {
  perfecto: { timestamp: false, action: 42 },
  axp: { date: 1_766_000_000_000, event: 42 },
  descope: { occurred: { seconds: 1_766_000_000 }, externalIds: 'olivia' },
  surfsight: { userId: { nested: true } },
  zluri: { actor_role: 7 },
};

/** An optional field of each vendor, to leave out. */
const OPTIONAL: Record<VendorId, string> = {
  perfecto: 'description', axp: 'ipAddress', descope: 'geo', surfsight: 'imei', zluri: 'actor_role',
};

/** Row 4: schema drift in one record among good ones, for every vendor, through the engine. */
describe('reliability 4: schema drift through the search engine', function () {
  this.timeout(20_000);
  let emulator: Emulator;

  useReliabilityEmulator((started) => { emulator = started; });

  for (const vendor of VENDORS) {
    it(`${vendor}: unknown fields and a missing optional field pass; a wrong type shows raw with one warning; the rest show`, async () => {
      const http = fastClient();
      try {
        const target = emulatorTarget(emulator, vendor);
        const cursor = { window: { from: QUERY.from, to: QUERY.to }, index: 0, size: PAGE };
        const request = buildHttpRequest(getAdapter(vendor), target.connection, target.credentials, QUERY, cursor);
        const page = (await http.send(request)).json as Fields;
        const entries = RECORDS_OF[vendor](page);
        assert.equal(entries.length, PAGE);
        Object.assign(fieldsOf(vendor, entries[5] as Fields), { zz_unknown: { nested: [1, 'two'] }, anotherNewField: 'x' });
        delete fieldsOf(vendor, entries[7] as Fields)[OPTIONAL[vendor]];
        const drifted = entries[3] as Fields;
        Object.assign(fieldsOf(vendor, drifted), WRONG_TYPE[vendor]);
        emulator.faults.add({ vendor, times: 1, fault: { kind: 'raw-body', body: JSON.stringify(page) } });

        const run = await runSearch([target], { http, pageSize: { [vendor]: PAGE }, concurrency: 1 });
        assert.deepEqual(run.errors, []);
        assert.equal(run.events.length, COUNT, 'a record was dropped');
        assertUnique(run.events);
        assert.equal(run.warnings.length, 1, JSON.stringify(run.warnings));
        const bad = run.events.find((event) => event.id === run.warnings[0]?.eventId);
        assert.ok(bad, 'the warning names no delivered event');
        assert.deepEqual(bad.raw, drifted, 'the drifted record is not shown raw, exactly as received');
        assert.ok(run.warnings[0]!.message.length > 10);
        assert.equal(run.summary.connections[0]?.warnings, 1);
        const unknown = run.events.find((event) => (fieldsOf(vendor, event.raw) as Fields).zz_unknown !== undefined);
        assert.ok(unknown && unknown !== bad, 'the record with unknown fields is missing');
        assert.equal(typeof unknown.time, 'string');
      } finally {
        await http.close();
      }
    });
  }
});
