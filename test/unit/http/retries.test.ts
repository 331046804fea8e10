import { strict as assert } from 'node:assert';
import { AuditLensError } from '../../../src/core/errors';
import { HttpStatusError } from '../../../src/core/http/statusErrors';
import type { HttpClient } from '../../../src/core/http/types';
import type { Emulator } from '../../../src/emulator/server';
import { pageRequest, rejection, startEmulator, testClient, waitsOf } from './harness';

describe('http client: retries', () => {
  let emulator: Emulator;
  let client: HttpClient;

  beforeEach(async () => {
    emulator = await startEmulator();
    client = testClient();
  });
  afterEach(async () => {
    await client.close();
    await emulator.close();
  });

  it('returns the parsed page, bytes and the vendor request id', async () => {
    const response = await client.send(pageRequest(emulator, {}, 2));
    assert.equal(response.status, 200);
    assert.deepEqual((response.json as { page: number }).page, 2);
    assert.equal(response.requestId, 'req-2');
    assert.ok(response.bytes > 600);
  });

  it('honours a short Retry-After in seconds, then succeeds', async () => {
    emulator.faults.add({ fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } }, times: 1 });
    const request = pageRequest(emulator);
    const waits = waitsOf(request);
    const response = await client.send(request);
    assert.equal(response.status, 200);
    assert.deepEqual(waits, [{ reason: 'retry-after', ms: 1000, attempt: 1 }]);
    assert.equal(emulator.requests.length, 2);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const at = new Date(Date.now() + 1500).toUTCString();
    emulator.faults.add({ fault: { kind: 'status', status: 503, headers: { 'retry-after': at } }, times: 1 });
    const request = pageRequest(emulator);
    const waits = waitsOf(request);
    await client.send(request);
    assert.equal(waits.length, 1);
    assert.equal(waits[0].reason, 'retry-after');
    assert.ok(waits[0].ms > 0 && waits[0].ms <= 1500, `waited ${waits[0].ms} ms`);
  });

  it('fails at once when Retry-After (seconds) is beyond the ceiling, saying how long the vendor asked', async () => {
    emulator.faults.add({ fault: { kind: 'status', status: 429, headers: { 'retry-after': '600' } } });
    const request = pageRequest(emulator);
    const waits = waitsOf(request);
    const error = await rejection(client.send(request));
    assert.ok(error instanceof HttpStatusError);
    assert.equal(error.reason, 'rate-limited');
    assert.equal(error.retryAfterMs, 600_000);
    assert.match(error.message, /Zluri .*wait 10 minutes/);
    assert.deepEqual(waits, []);
    assert.equal(emulator.requests.length, 1);
  });

  it('fails at once when an HTTP-date Retry-After is beyond the ceiling', async () => {
    const at = new Date(Date.now() + 3 * 3_600_000 + 30_000).toUTCString();
    emulator.faults.add({ fault: { kind: 'status', status: 429, headers: { 'retry-after': at } } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.equal(error.reason, 'rate-limited');
    assert.match(error.message, /wait 3 hours/);
    assert.equal(emulator.requests.length, 1);
  });

  it('waits a long Retry-After that is within a raised ceiling', async () => {
    const slow = testClient({ retryAfterCeilingMs: 3_000 });
    try {
      emulator.faults.add({ fault: { kind: 'status', status: 429, headers: { 'retry-after': '2' } }, times: 1 });
      const request = pageRequest(emulator);
      const waits = waitsOf(request);
      assert.equal((await slow.send(request)).status, 200);
      assert.deepEqual(waits.map((w) => [w.reason, w.ms]), [['retry-after', 2000]]);
    } finally {
      await slow.close();
    }
  });

  it('says "more than a week" for a Retry-After of millennia, sending nothing more', async () => {
    emulator.faults.add({ fault: { kind: 'status', status: 429, headers: { 'retry-after': '99999999999999999999' } } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.equal(error.reason, 'rate-limited');
    assert.match(error.message, /^Zluri is rate limiting this credential \(429\) and asked to wait more than a week before the next request\./);
    assert.equal(emulator.requests.length, 1);
  });

  it('on Retry-After: 0 still waits its own backoff before each retry', async () => {
    const spaced = testClient({ backoffBaseMs: 20, backoffMaxMs: 40 });
    try {
      emulator.faults.add({ fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' } } });
      const request = pageRequest(emulator);
      const waits = waitsOf(request);
      const error = await rejection(spaced.send(request));
      assert.equal(error.reason, 'rate-limited');
      assert.equal(emulator.requests.length, 5);
      assert.deepEqual(waits.map((w) => [w.reason, w.attempt]), [['backoff', 1], ['backoff', 2], ['backoff', 3], ['backoff', 4]]);
      // Full jitter may draw 0 ms for one wait; all four at 0 (odds below 1 in 10^6) would mean no backoff at all.
      assert.ok(waits.reduce((sum, w) => sum + w.ms, 0) > 0, JSON.stringify(waits));
    } finally {
      await spaced.close();
    }
  });

  it('backs off on a 429 without Retry-After', async () => {
    emulator.faults.add({ fault: { kind: 'status', status: 429 }, times: 2 });
    const request = pageRequest(emulator);
    const waits = waitsOf(request);
    assert.equal((await client.send(request)).status, 200);
    assert.deepEqual(waits.map((w) => [w.reason, w.attempt]), [['backoff', 1], ['backoff', 2]]);
    assert.ok(waits.every((w) => w.ms >= 0 && w.ms < 20));
  });

  for (const status of [502, 503, 504]) {
    it(`retries a ${status}, then succeeds`, async () => {
      emulator.faults.add({ fault: { kind: 'status', status }, times: 2 });
      const response = await client.send(pageRequest(emulator));
      assert.equal(response.status, 200);
      assert.equal(emulator.requests.length, 3);
    });
  }

  it('retries a connection reset before the headers', async () => {
    emulator.faults.add({ fault: { kind: 'reset-before-headers' }, times: 1 });
    const request = pageRequest(emulator);
    const waits = waitsOf(request);
    assert.equal((await client.send(request)).status, 200);
    assert.equal(waits.length, 1);
    assert.equal(emulator.requests.length, 2);
  });

  it('retries a connection closed mid-body', async () => {
    emulator.faults.add({ fault: { kind: 'reset-mid-body' }, times: 2 });
    const response = await client.send(pageRequest(emulator, {}, 3));
    assert.equal((response.json as { page: number }).page, 3);
    assert.equal(emulator.requests.length, 3);
  });

  it('gives up after the retry budget with an error naming the vendor', async () => {
    emulator.faults.add({ fault: { kind: 'status', status: 503, body: { message: 'maintenance' } } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.ok(error instanceof HttpStatusError);
    assert.equal(error.reason, 'server');
    assert.equal(error.status, 503);
    assert.deepEqual(error.body, { message: 'maintenance' });
    assert.match(error.message, /^Zluri had a server error \(503\) after 5 attempts/);
    assert.equal(emulator.requests.length, 5);
  });

  it('gives up on repeated resets with a network error naming the vendor', async () => {
    emulator.faults.add({ fault: { kind: 'reset-before-headers' } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.ok(error instanceof AuditLensError);
    assert.equal(error.reason, 'network');
    assert.match(error.message, /Zluri/);
    assert.match(error.message, /Gave up after 5 attempts/);
  });

  it('does not retry a non-idempotent request', async () => {
    emulator.faults.add({ fault: { kind: 'status', status: 503 }, times: 1 });
    const error = await rejection(client.send(pageRequest(emulator, { idempotent: false })));
    assert.equal(error.reason, 'server');
    assert.equal(emulator.requests.length, 1);
  });

  it('does not retry a 401 and says what to do', async () => {
    emulator.faults.add({ fault: { kind: 'status', status: 401, body: { message: 'bad key' } } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.ok(error instanceof HttpStatusError);
    assert.equal(error.reason, 'auth');
    assert.match(error.message, /Update the credential for this connection/);
    assert.equal(emulator.requests.length, 1);
    const mapped = error.withVendorInfo({ message: 'API key expired' });
    assert.equal(mapped.reason, 'auth');
    assert.match(mapped.message, /API key expired/);
  });
});
