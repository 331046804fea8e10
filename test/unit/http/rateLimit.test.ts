import { strict as assert } from 'node:assert';
import { RateLimiter } from '../../../src/core/http/rateLimiter';
import type { HttpClient, WaitInfo } from '../../../src/core/http/types';
import type { Emulator } from '../../../src/emulator/server';
import { pageRequest, startEmulator, testClient } from './harness';

describe('http client: rate limiter', () => {
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

  it('spaces requests sharing a key and reports each wait in order', async () => {
    const rateLimit = { key: 'zluri:a', requests: 2, perMs: 200 };
    const waits: Array<WaitInfo & { page: number }> = [];
    const pages = [1, 2, 3, 4, 5];
    const responses = await Promise.all(pages.map((page) => client.send({
      ...pageRequest(emulator, { rateLimit }, page),
      onWait: (info) => waits.push({ ...info, page }),
    })));
    assert.deepEqual(responses.map((r) => (r.json as { page: number }).page), pages);
    assert.deepEqual(waits.map((w) => [w.page, w.reason]), [[3, 'rate-limit'], [4, 'rate-limit'], [5, 'rate-limit']]);
    // The fifth request waits a whole window longer than the third.
    assert.ok(waits[2].ms - waits[0].ms >= 150, JSON.stringify(waits));
    // Requests released together may arrive in either order on their own connections.
    const arrived = emulator.requests.map((r) => r.query.page);
    assert.deepEqual([arrived.slice(0, 2).sort(), arrived.slice(2, 4).sort(), arrived[4]], [['1', '2'], ['3', '4'], '5']);
  });

  it('keeps separate budgets for separate keys', async () => {
    const waits: WaitInfo[] = [];
    for (const key of ['zluri:a', 'zluri:b', 'zluri:c']) {
      await client.send({ ...pageRequest(emulator, { rateLimit: { key, requests: 1, perMs: 60_000 } }), onWait: (info) => waits.push(info) });
    }
    assert.deepEqual(waits, []);
  });

  it('reserves slots in a sliding window', () => {
    const limiter = new RateLimiter();
    const limit = { requests: 2, perMs: 1000 };
    assert.deepEqual([0, 0, 0, 0, 0].map(() => limiter.reserve('k', limit, 10_000).waitMs), [0, 0, 1000, 1000, 2000]);
    // Once the window has passed, the budget is free again.
    assert.equal(limiter.reserve('k', limit, 13_001).waitMs, 0);
  });

  it('gives a released slot back', () => {
    const limiter = new RateLimiter();
    const limit = { requests: 1, perMs: 1000 };
    limiter.reserve('k', limit, 0);
    const second = limiter.reserve('k', limit, 0);
    assert.equal(second.waitMs, 1000);
    second.release();
    assert.equal(limiter.reserve('k', limit, 0).waitMs, 1000);
  });
});
