import { strict as assert } from 'node:assert';
import { inspect } from 'node:util';
import type { HttpClient, HttpRequest } from '../../../src/core/http/types';
import type { Fault } from '../../../src/emulator/faults';
import type { Emulator } from '../../../src/emulator/server';
import { pageRequest, recordingLogger, rejection, startEmulator, startRecordingServer, testClient } from './harness';

const TOKEN = 'sk-live-7f3c9a1e5b2d4c6e8f0a';

describe('http client: secrets stay out of logs and errors', () => {
  let emulator: Emulator;
  let client: HttpClient;
  let logger: ReturnType<typeof recordingLogger>;

  beforeEach(async () => {
    emulator = await startEmulator();
    logger = recordingLogger();
    client = testClient({ logger, headersTimeoutMs: 300, maxRetries: 1 });
  });
  afterEach(async () => {
    await client.close();
    await emulator.close();
  });

  function secretRequest(): HttpRequest {
    return pageRequest(emulator, {
      headers: { accept: 'application/json', authorization: `Bearer ${TOKEN}`, 'api-key': TOKEN },
      rateLimit: { key: 'zluri:secret', requests: 100, perMs: 1000 },
    });
  }

  it('logs method, vendor, host, path, status, size and request id, but no header value', async () => {
    await client.send(secretRequest());
    const line = logger.lines.find((l) => l.includes('→ 200'));
    assert.ok(line, logger.lines.join('\n'));
    assert.match(line, /^info GET zluri 127\.0\.0\.1:\d+\/zluri\/pages\?page → 200 in \d+ ms, \d+ B, request id req-1$/);
    assert.ok(!logger.lines.some((l) => l.includes(TOKEN) || /bearer|api-key/i.test(l)));
    // The token did reach the server: the test would prove nothing otherwise.
    assert.equal(emulator.requests[0].headers.authorization, `Bearer ${TOKEN}`);
  });

  const faults: Array<[string, Fault]> = [
    ['401', { kind: 'status', status: 401, body: { message: 'invalid key' } }],
    ['503', { kind: 'status', status: 503 }],
    ['429 beyond the ceiling', { kind: 'status', status: 429, headers: { 'retry-after': '9999' } }],
    ['reset', { kind: 'reset-before-headers' }],
    ['html', { kind: 'html-200' }],
    ['truncated', { kind: 'truncated-json' }],
    ['slow headers', { kind: 'slow-headers', ms: 1500 }],
  ];
  for (const [name, fault] of faults) {
    it(`keeps the token out of the error and the log on ${name}`, async () => {
      emulator.faults.add({ fault });
      const error = await rejection(client.send(secretRequest()));
      const everything = [error.message, inspect(error, { depth: 6 }), JSON.stringify(error), ...logger.lines].join('\n');
      assert.ok(!everything.includes(TOKEN), `token leaked on ${name}`);
      assert.ok(logger.lines.some((l) => l.startsWith('warn ') && l.includes('failed:')));
    });
  }

  it('keeps the token out of a redirect error and never sends it on', async () => {
    const elsewhere = await startRecordingServer();
    try {
      emulator.faults.add({ fault: { kind: 'redirect', location: `${elsewhere.origin}/` } });
      const error = await rejection(client.send(secretRequest()));
      assert.ok(!`${error.message}\n${inspect(error, { depth: 6 })}\n${logger.lines.join('\n')}`.includes(TOKEN));
      assert.equal(elsewhere.received.length, 0);
    } finally {
      await elsewhere.close();
    }
  });

  it('keeps a POST body out of errors', async () => {
    emulator.faults.add({ fault: { kind: 'status', status: 422, body: { message: 'bad filter' } } });
    const request: HttpRequest = { ...secretRequest(), method: 'POST', body: JSON.stringify({ filter: TOKEN }) };
    const error = await rejection(client.send(request));
    assert.equal(error.reason, 'vendor-validation');
    assert.ok(!`${error.message}\n${inspect(error, { depth: 6 })}`.includes(TOKEN));
  });
});
