import { strict as assert } from 'node:assert';
import type { HttpClient } from '../../../src/core/http/types';
import type { Emulator } from '../../../src/emulator/server';
import { pageRequest, rejection, startEmulator, testClient } from './harness';

describe('http client: response content', () => {
  let emulator: Emulator;
  let client: HttpClient;

  beforeEach(async () => {
    emulator = await startEmulator();
    client = testClient({ bodyTimeoutMs: 500 });
  });
  afterEach(async () => {
    await client.close();
    await emulator.close();
  });

  it('refuses an HTML page answering 200 with a short, clear message', async () => {
    emulator.faults.add({ fault: { kind: 'html-200' } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.equal(error.reason, 'unexpected-content');
    assert.match(error.message, /expected JSON but got an HTML page \(text\/html\) — is the base URL right, or is a proxy or sign-in page answering\?/);
    assert.doesNotMatch(error.message, /Unexpected token|at JSON\.parse|<html/);
    assert.equal(emulator.requests.length, 1);
  });

  it('reports truncated JSON as cut off, not as a parse trace', async () => {
    emulator.faults.add({ fault: { kind: 'truncated-json' } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.equal(error.reason, 'unexpected-content');
    assert.match(error.message, /Zluri .* sent JSON that ends early/);
    assert.doesNotMatch(error.message, /position|JSON\.parse/);
  });

  it('reports a body that is not JSON at all', async () => {
    emulator.faults.add({ fault: { kind: 'raw-body', body: 'ok, done' } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.equal(error.reason, 'unexpected-content');
    assert.match(error.message, /not valid JSON/);
  });

  it('gives undefined json for an empty body', async () => {
    emulator.faults.add({ fault: { kind: 'raw-body', body: '' } });
    const response = await client.send(pageRequest(emulator));
    assert.equal(response.status, 200);
    assert.equal(response.json, undefined);
    assert.equal(response.bytes, 0);
  });

  it('accepts a vendor +json content type', async () => {
    emulator.faults.add({ fault: { kind: 'raw-body', body: '{"ok":true}', contentType: 'application/vnd.api+json' } });
    assert.deepEqual((await client.send(pageRequest(emulator))).json, { ok: true });
  });

  it('fails clearly, without hanging, when the content-length promises more than arrives', async () => {
    emulator.faults.add({ fault: { kind: 'wrong-content-length' } });
    const error = await rejection(client.send(pageRequest(emulator)));
    // The server keeps the connection open waiting to send the rest: the body timeout ends it.
    assert.equal(error.reason, 'timeout');
    assert.match(error.message, /^Zluri at 127\.0\.0\.1:\d+ stopped sending the response for 0\.5 seconds \(body timeout\)/);
  });

  it('stops downloading a body over the size cap', async () => {
    const small = testClient({ maxResponseBytes: 256 * 1024 });
    try {
      emulator.faults.add({ fault: { kind: 'huge', bytes: 64 * 1024 * 1024 } });
      const error = await rejection(small.send(pageRequest(emulator)));
      assert.equal(error.reason, 'too-large');
      assert.match(error.message, /larger than the 256\.0 kB limit/);
      assert.equal(emulator.requests.length, 1);
    } finally {
      await small.close();
    }
  });

  it('refuses at once a body whose declared length is over the cap', async () => {
    const small = testClient({ maxResponseBytes: 100 });
    try {
      const error = await rejection(small.send(pageRequest(emulator)));
      assert.equal(error.reason, 'too-large');
      assert.match(error.message, /100 B limit/);
    } finally {
      await small.close();
    }
  });

  it('rejects an address that is not a URL with a config error', async () => {
    const error = await rejection(client.send({ ...pageRequest(emulator), url: 'not a url' }));
    assert.equal(error.reason, 'config');
    assert.match(error.message, /Zluri request address is not a valid URL/);
  });
});
