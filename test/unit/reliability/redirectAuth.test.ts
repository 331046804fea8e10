import * as assert from 'node:assert/strict';
import { vendorName } from '../../../src/core/http/vendorNames';
import { VENDORS } from '../../../src/core/model';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget } from '../search/fixtures';
import { fastClient, PAGE, runSearch, useRecordingServer, useReliabilityEmulator, type RecordingServer } from './harness';

/** Rows 6 and 7: redirects are never followed; 401 and 403 are never retried and name the connection. */
describe('reliability 6 and 7: redirects and refused credentials through the search engine', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let elsewhere: RecordingServer;
  useReliabilityEmulator((started) => { emulator = started; });
  useRecordingServer((started) => { elsewhere = started; });

  for (const vendor of VENDORS) {
    for (const status of [301, 302, 303, 307, 308]) {
      it(`${vendor}: a ${status} to another host mid-paging is not followed and no credential reaches it`, async () => {
        emulator.faults.add({ vendor, skip: 1, fault: { kind: 'redirect', status, location: `${elsewhere.origin}/${vendor}/steal?x=1` } });
        const http = fastClient();
        try {
          const run = await runSearch([emulatorTarget(emulator, vendor)], { http, pageSize: { [vendor]: PAGE }, concurrency: 1 });
          assert.equal(elsewhere.received.length, 0, 'the other host received a request');
          assert.equal(run.errors.length, 1);
          const { error } = run.errors[0]!;
          assert.equal(error.reason, 'redirect');
          assert.ok(error.message.startsWith(`${vendorName(vendor)} answered with a redirect (${status}) to ${elsewhere.host}.`), error.message);
          assert.match(error.message, /never followed, so nothing was sent there/);
          assert.equal(emulator.requests.length, 2, 'a redirect was retried');
          assert.equal(run.events.length, PAGE);
        } finally {
          await http.close();
        }
      });
    }

    it(`${vendor}: the vendor's own 401 for a wrong credential is not retried and names the connection`, async () => {
      const target = emulatorTarget(emulator, vendor, vendor === 'descope' ? 'P2emulatorproject:wrong-management-key' : 'wrong-token-value');
      const credentials = Object.freeze({ ...target.credentials });
      const http = fastClient();
      try {
        const run = await runSearch([{ connection: target.connection, credentials }], { http });
        assert.equal(emulator.requests.length, 1, 'a refused credential was retried');
        const failure = run.errors[0];
        assert.equal(failure?.connectionId, `test-${vendor}`);
        assert.equal(failure?.vendor, vendor);
        assert.equal(failure?.error.reason, 'auth');
        assert.equal(failure?.error.isCredentialProblem, true);
        assert.ok(failure?.error.message.startsWith(`${vendorName(vendor)} refused the credential (401).`), failure?.error.message);
        assert.match(failure?.error.message ?? '', /Update the credential for this connection\.$/);
        assert.ok(!failure?.error.message.includes('wrong-'), 'the refused credential is echoed');
        // The engine never touches the credential: the frozen object would throw on any change.
        assert.deepEqual(credentials, target.credentials);
      } finally {
        await http.close();
      }
    });

    for (const [status, reason, advice] of [[401, 'auth', /Update the credential for this connection\./], [403, 'permission', /Use a credential with audit-log access/]] as const) {
      it(`${vendor}: ${status} mid-paging is not retried, is typed '${reason}' and keeps what was fetched`, async () => {
        emulator.faults.add({ vendor, skip: 1, fault: { kind: 'status', status } });
        const http = fastClient();
        try {
          const run = await runSearch([emulatorTarget(emulator, vendor), emulatorTarget(emulator, vendor === 'zluri' ? 'perfecto' : 'zluri')], { http, pageSize: { [vendor]: PAGE }, concurrency: 1 });
          assert.equal(emulator.requests.filter((r) => r.vendor === vendor).length, 2, `a ${status} was retried`);
          assert.equal(run.errors.length, 1);
          const { error, connectionId } = run.errors[0]!;
          assert.equal(connectionId, `test-${vendor}`);
          assert.equal(error.reason, reason);
          assert.equal(error.vendor, vendor);
          assert.ok(error.message.startsWith(vendorName(vendor)), error.message);
          assert.match(error.message, advice);
          assert.equal(run.events.filter((e) => e.vendor === vendor).length, PAGE);
          assert.ok(run.events.some((e) => e.vendor !== vendor), 'the other connection stopped too');
        } finally {
          await http.close();
        }
      });
    }
  }
});
