import { strict as assert } from 'node:assert';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { HttpClient } from '../../../src/core/http/types';
import type { Emulator } from '../../../src/emulator/server';
import { eventually, pageRequest, rejection, startEmulator, testClient, waitsOf } from './harness';

describe('http client: timeouts and cancellation', () => {
  let emulator: Emulator;
  let client: HttpClient;

  beforeEach(async () => {
    emulator = await startEmulator();
    client = testClient({ headersTimeoutMs: 300, bodyTimeoutMs: 300 });
  });
  afterEach(async () => {
    await client.close();
    await emulator.close();
  });

  it('times out a connection whose TLS handshake never completes (connect timeout)', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const bounded = testClient({ connectTimeoutMs: 300 });
    try {
      const { port } = silent.address() as AddressInfo;
      const error = await rejection(bounded.send({ ...pageRequest(emulator), url: `https://127.0.0.1:${port}/zluri/pages` }));
      assert.equal(error.reason, 'timeout');
      assert.match(error.message, /^Could not connect to Zluri at 127\.0\.0\.1:\d+ within 0\.3 seconds \(connect timeout\)/);
    } finally {
      await bounded.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('times out slow headers, naming the timeout and the host', async () => {
    emulator.faults.add({ fault: { kind: 'slow-headers', ms: 2000 } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.equal(error.reason, 'timeout');
    assert.match(error.message, /^Zluri at 127\.0\.0\.1:\d+ did not start answering within 0\.3 seconds \(headers timeout\)/);
  });

  it('times out a body that stops trickling', async () => {
    emulator.faults.add({ fault: { kind: 'trickle', chunkBytes: 16, intervalMs: 1000 } });
    const error = await rejection(client.send(pageRequest(emulator)));
    assert.equal(error.reason, 'timeout');
    assert.match(error.message, /\(body timeout\)/);
  });

  it('ends a body that trickles steadily at the overall deadline', async () => {
    const bounded = testClient({ bodyTimeoutMs: 5_000, deadlineMs: 400 });
    try {
      emulator.faults.add({ fault: { kind: 'trickle', chunkBytes: 8, intervalMs: 40 } });
      const error = await rejection(bounded.send(pageRequest(emulator)));
      assert.equal(error.reason, 'timeout');
      assert.match(error.message, /did not answer within the overall deadline of 0\.4 seconds \(retries included\)/);
    } finally {
      await bounded.close();
    }
  });

  it('counts retries against the overall deadline', async () => {
    const bounded = testClient({ deadlineMs: 300, backoffBaseMs: 1_000, backoffMaxMs: 1_000, maxRetries: 10 });
    try {
      emulator.faults.add({ fault: { kind: 'status', status: 502 } });
      const error = await rejection(bounded.send(pageRequest(emulator)));
      assert.equal(error.reason, 'timeout');
      assert.match(error.message, /overall deadline/);
      assert.ok(emulator.requests.length < 10);
    } finally {
      await bounded.close();
    }
  });

  it('cancels a hung request and frees its socket', async () => {
    emulator.faults.add({ fault: { kind: 'hang' } });
    const controller = new AbortController();
    const pending = client.send(pageRequest(emulator, { signal: controller.signal }));
    assert.ok(await eventually(() => emulator.requests.length === 1 && emulator.openSockets === 1));
    controller.abort();
    const error = await rejection(pending);
    assert.equal(error.reason, 'cancelled');
    assert.equal(error.message, 'The request to Zluri was cancelled.');
    assert.ok(await eventually(() => emulator.openSockets === 0), `${emulator.openSockets} sockets still open`);
  });

  it('cancels mid-body and frees the socket', async () => {
    emulator.faults.add({ fault: { kind: 'trickle', chunkBytes: 8, intervalMs: 50 } });
    const controller = new AbortController();
    const slow = testClient({ bodyTimeoutMs: 10_000 });
    try {
      const pending = slow.send(pageRequest(emulator, { signal: controller.signal }));
      await new Promise((resolve) => setTimeout(resolve, 150));
      controller.abort();
      assert.equal((await rejection(pending)).reason, 'cancelled');
      assert.ok(await eventually(() => emulator.openSockets === 0), `${emulator.openSockets} sockets still open`);
    } finally {
      await slow.close();
    }
  });

  it('does not send a request whose signal is already aborted', async () => {
    const error = await rejection(client.send(pageRequest(emulator, { signal: AbortSignal.abort() })));
    assert.equal(error.reason, 'cancelled');
    assert.equal(emulator.requests.length, 0);
  });

  it('cancels during a backoff sleep without sending again', async () => {
    const patient = testClient({ backoffBaseMs: 60_000, backoffMaxMs: 60_000 });
    try {
      emulator.faults.add({ fault: { kind: 'status', status: 503 } });
      const controller = new AbortController();
      const request = pageRequest(emulator, { signal: controller.signal });
      const waits = waitsOf(request);
      request.onWait = (info) => {
        waits.push(info);
        controller.abort();
      };
      const error = await rejection(patient.send(request));
      assert.equal(error.reason, 'cancelled');
      assert.equal(waits.length, 1);
      assert.equal(waits[0].reason, 'backoff');
      assert.equal(emulator.requests.length, 1);
    } finally {
      await patient.close();
    }
  });

  it('cancels during a Retry-After wait', async () => {
    emulator.faults.add({ fault: { kind: 'status', status: 429, headers: { 'retry-after': '100' } } });
    const controller = new AbortController();
    const request = pageRequest(emulator, { signal: controller.signal });
    request.onWait = (info) => {
      assert.deepEqual(info, { reason: 'retry-after', ms: 100_000, attempt: 1 });
      setTimeout(() => controller.abort(), 20);
    };
    assert.equal((await rejection(client.send(request))).reason, 'cancelled');
    assert.equal(emulator.requests.length, 1);
  });

  it('cancels during a rate-limit wait without sending', async () => {
    const rateLimit = { key: 'zluri:test', requests: 1, perMs: 60_000 };
    await client.send(pageRequest(emulator, { rateLimit }));
    const controller = new AbortController();
    const request = pageRequest(emulator, { rateLimit, signal: controller.signal });
    const waits: string[] = [];
    request.onWait = (info) => {
      waits.push(info.reason);
      controller.abort();
    };
    assert.equal((await rejection(client.send(request))).reason, 'cancelled');
    assert.deepEqual(waits, ['rate-limit']);
    assert.equal(emulator.requests.length, 1);
  });
});
