import { strict as assert } from 'node:assert';
import { HttpStatusError } from '../../../src/core/http/statusErrors';
import type { HttpClient } from '../../../src/core/http/types';
import type { Emulator } from '../../../src/emulator/server';
import { pageRequest, rejection, startEmulator, startRecordingServer, testClient } from './harness';

describe('http client: redirects', () => {
  let emulator: Emulator;
  let client: HttpClient;
  let elsewhere: Awaited<ReturnType<typeof startRecordingServer>>;

  beforeEach(async () => {
    emulator = await startEmulator();
    elsewhere = await startRecordingServer();
    client = testClient();
  });
  afterEach(async () => {
    await client.close();
    await emulator.close();
    await elsewhere.close();
  });

  for (const status of [301, 302, 307, 308]) {
    it(`never follows a ${status}: the target receives nothing and the error names its host`, async () => {
      emulator.faults.add({ fault: { kind: 'redirect', status, location: `${elsewhere.origin}/collect?x=1` } });
      const request = pageRequest(emulator, { headers: { authorization: 'Bearer do-not-forward' } });
      const error = await rejection(client.send(request));
      assert.ok(error instanceof HttpStatusError);
      assert.equal(error.reason, 'redirect');
      assert.equal(error.status, status);
      assert.ok(error.message.includes(`redirect (${status}) to ${elsewhere.host}`), error.message);
      assert.match(error.message, /never followed/);
      assert.equal(elsewhere.received.length, 0);
      assert.equal(emulator.requests.length, 1);
    });
  }

  it('names no host when the redirect has no usable Location', async () => {
    emulator.faults.add({ fault: { kind: 'redirect', location: '' } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.equal(error.reason, 'redirect');
    assert.match(error.message, /to an unnamed location/);
  });
});
