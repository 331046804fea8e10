import * as assert from 'node:assert/strict';
import type { ErrorReason } from '../../../src/core/errors';
import { VENDORS } from '../../../src/core/model';
import type { Fault } from '../../../src/emulator/faults';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget } from '../search/fixtures';
import { fastClient, PAGE, runSearch, useReliabilityEmulator } from './harness';

interface Case {
  name: string;
  fault: Fault;
  reason: ErrorReason;
  wording: RegExp;
}

const CASES: Case[] = [
  { name: 'truncated JSON', fault: { kind: 'truncated-json' }, reason: 'unexpected-content', wording: /sent JSON that ends early .*cut off\. Try again\.$/ },
  { name: 'a Content-Length longer than the body', fault: { kind: 'wrong-content-length' }, reason: 'timeout', wording: /stopped sending the response for 0\.3 seconds \(body timeout\)/ },
  { name: 'an HTML page with status 200', fault: { kind: 'html-200' }, reason: 'unexpected-content', wording: /expected JSON but got an HTML page \(text\/html\) — is the base URL right/ },
  { name: 'an empty body', fault: { kind: 'raw-body', body: '' }, reason: 'schema', wording: /answered|returned/ },
  { name: 'null', fault: { kind: 'raw-body', body: 'null' }, reason: 'schema', wording: /answered|returned/ },
  { name: '{}', fault: { kind: 'raw-body', body: '{}' }, reason: 'schema', wording: /answered|returned/ },
  { name: 'a JSON array', fault: { kind: 'raw-body', body: '[1,2]' }, reason: 'schema', wording: /answered|returned/ },
];

/** What a person must never read in an error: internals instead of an explanation. */
const INTERNALS = /SyntaxError|Unexpected token|JSON\.parse|\bat .*\.ts:\d+|undefined|\[object /;

/** Row 3: broken or empty bodies on a 200, for every vendor, through the engine: a clear error or no events, never a crash. */
describe('reliability 3: broken and empty response bodies through the search engine', function () {
  this.timeout(30_000);
  let emulator: Emulator;

  useReliabilityEmulator((started) => { emulator = started; });

  for (const vendor of VENDORS) {
    for (const { name, fault, reason, wording } of CASES) {
      it(`${vendor}: ${name} on every page gives a clear error or no events`, async () => {
        emulator.faults.add({ vendor, fault });
        const http = fastClient({ bodyTimeoutMs: 300 });
        try {
          const run = await runSearch([emulatorTarget(emulator, vendor)], { http, pageSize: { [vendor]: PAGE } });
          assert.equal(run.events.length, 0);
          if (vendor === 'descope' && name === '{}') {
            // Descope's protobuf JSON leaves an empty list out: `{}` is an empty page.
            assert.deepEqual(run.errors, []);
            assert.equal(run.summary.connections[0]?.complete, true);
            return;
          }
          assert.equal(run.errors.length, 1);
          const { error } = run.errors[0]!;
          assert.equal(error.reason, reason, error.message);
          assert.equal(error.vendor, vendor);
          assert.match(error.message, new RegExp(vendor === 'axp' ? 'AXP' : vendor, 'i'));
          assert.match(error.message, wording);
          assert.doesNotMatch(error.message, INTERNALS);
        } finally {
          await http.close();
        }
      });

      it(`${vendor}: ${name} mid-paging keeps the pages already fetched`, async () => {
        emulator.faults.add({ vendor, skip: 2, times: 1, fault });
        const http = fastClient({ bodyTimeoutMs: 300 });
        try {
          const run = await runSearch([emulatorTarget(emulator, vendor)], { http, pageSize: { [vendor]: PAGE }, concurrency: 1 });
          assert.equal(run.events.length, 2 * PAGE);
          if (vendor === 'descope' && name === '{}') {
            // Descope omits empty fields, so `{}` reads as an empty page: it ends the range,
            // and the shortfall against the reported total is said, never silent.
            assert.deepEqual(run.errors, []);
            assert.ok(run.notices.some((n) => /reported \d+ events .* but sent \d+: some may be missing/.test(n)), run.notices.join(' | '));
            return;
          }
          assert.equal(run.errors[0]?.error.reason, reason);
          assert.equal(run.summary.connections[0]?.complete, false);
        } finally {
          await http.close();
        }
      });
    }
  }
});
