import * as assert from 'node:assert/strict';
import { vendorName } from '../../../src/core/http/vendorNames';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget } from '../search/fixtures';
import { assertUnique, COUNT, fastClient, PAGE, runSearch, useReliabilityEmulator } from './harness';

/** Row 1: 429 with Retry-After in seconds, as an HTTP date, short, long, and without it — through the engine. */
describe('reliability 1: 429 and Retry-After through the search engine', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  const target = (): ReturnType<typeof emulatorTarget> => emulatorTarget(emulator, 'perfecto');
  const options = { pageSize: { perfecto: PAGE }, concurrency: 1 };

  useReliabilityEmulator((started) => { emulator = started; });

  it('waits a short Retry-After in seconds mid-paging, says so, and loses nothing', async () => {
    emulator.faults.add({ vendor: 'perfecto', skip: 2, times: 1, fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } });
    const http = fastClient();
    try {
      const started = Date.now();
      const run = await runSearch([target()], { http, ...options });
      assert.ok(Date.now() - started >= 950, 'the Retry-After was not honoured');
      assert.deepEqual(run.errors, []);
      assert.equal(run.events.length, COUNT);
      assertUnique(run.events);
      assert.ok(run.notices.some((n) => /^Perfecto asked to wait 1 s; retrying then\.$/.test(n)), run.notices.join(' | '));
      assert.equal(run.summary.connections[0]?.complete, true);
    } finally {
      await http.close();
    }
  });

  it('waits a Retry-After given as an HTTP date', async () => {
    const at = new Date(Date.now() + 2_500).toUTCString();
    emulator.faults.add({ vendor: 'perfecto', skip: 1, times: 1, fault: { kind: 'status', status: 429, headers: { 'retry-after': at } } });
    const http = fastClient();
    try {
      const run = await runSearch([target()], { http, ...options });
      assert.deepEqual(run.errors, []);
      assert.equal(run.events.length, COUNT);
      assertUnique(run.events);
      assert.ok(run.notices.some((n) => /^Perfecto asked to wait [1-3] s; retrying then\.$/.test(n)), run.notices.join(' | '));
    } finally {
      await http.close();
    }
  });

  for (const [name, value, wording] of [
    ['in seconds', '600', /wait 10 minutes/],
    ['as an HTTP date', new Date(Date.now() + 3 * 3_600_000 + 30 * 60_000).toUTCString(), /wait 3 hours/],
  ] as const) {
    it(`stops at once on a Retry-After beyond the ceiling (${name}), keeping the pages already fetched`, async () => {
      emulator.faults.add({ vendor: 'perfecto', skip: 2, fault: { kind: 'status', status: 429, headers: { 'retry-after': value } } });
      const http = fastClient();
      try {
        const run = await runSearch([target()], { http, ...options });
        assert.equal(run.errors.length, 1);
        const { error, connectionId } = run.errors[0]!;
        assert.equal(connectionId, 'test-perfecto');
        assert.equal(error.reason, 'rate-limited');
        assert.equal(error.vendor, 'perfecto');
        assert.match(error.message, /^Perfecto is rate limiting this credential \(429\)/);
        assert.match(error.message, wording);
        assert.equal(emulator.requests.length, 3, 'the refused page was retried');
        assert.equal(run.events.length, 2 * PAGE);
        assert.equal(run.summary.connections[0]?.complete, false);
      } finally {
        await http.close();
      }
    });
  }

  it('backs off on a 429 without Retry-After, then loses nothing', async () => {
    emulator.faults.add({ vendor: 'perfecto', skip: 3, times: 2, fault: { kind: 'status', status: 429 } });
    const http = fastClient();
    try {
      const run = await runSearch([target()], { http, ...options });
      assert.deepEqual(run.errors, []);
      assert.equal(run.events.length, COUNT);
      assertUnique(run.events);
    } finally {
      await http.close();
    }
  });

  it('after the retry budget, a 429 without Retry-After names the vendor and keeps what was fetched', async () => {
    emulator.faults.add({ vendor: 'perfecto', skip: 1, fault: { kind: 'status', status: 429 } });
    const http = fastClient({ maxRetries: 2 });
    try {
      const run = await runSearch([target()], { http, ...options });
      const error = run.errors[0]?.error;
      assert.equal(error?.reason, 'rate-limited');
      assert.match(error?.message ?? '', new RegExp(`^${vendorName('perfecto')} is still rate limiting this credential \\(429\\) after 3 attempts`));
      assert.equal(emulator.requests.length, 1 + 3);
      assert.equal(run.events.length, PAGE);
    } finally {
      await http.close();
    }
  });
});
