import * as assert from 'node:assert/strict';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient, WaitInfo } from '../../../src/core/http/types';
import { waitNotice } from '../../../src/core/search/backoffWording';
import { search } from '../../../src/core/search/engine';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget, startFixedEmulator } from './fixtures';

describe('wait notices', () => {
  it('after a 503, says the vendor answered 503, not that it did not answer', () => {
    const notice = waitNotice('Zluri', { reason: 'backoff', ms: 1500, attempt: 1, status: 503 }, undefined);
    assert.equal(notice, 'Zluri answered 503 (service unavailable); retrying in 2 s.');
  });

  it('after a 429 without Retry-After, says so', () => {
    assert.equal(waitNotice('Surfsight', { reason: 'backoff', ms: 2000, status: 429 }, undefined), 'Surfsight answered 429 (too many requests); retrying in 2 s.');
  });

  it('after no answer at all (a reset, a timeout), says the vendor did not answer', () => {
    assert.equal(waitNotice('Zluri', { reason: 'backoff', ms: 3000, attempt: 2 }, undefined), 'Zluri did not answer; retrying in 3 s.');
  });

  it('names the documented rate limit, and the wait alone when there is none', () => {
    assert.equal(waitNotice('Zluri', { reason: 'rate-limit', ms: 4200 }, { requests: 100, perMs: 60_000 }), 'Zluri allows 100 requests per 60 s: waiting 5 s before the next page.');
    assert.equal(waitNotice('Zluri', { reason: 'rate-limit', ms: 4200 }, undefined), "Waiting 5 s for Zluri's rate limit before the next page.");
  });

  it('says what the vendor asked for a Retry-After, and nothing for a wait under a second', () => {
    assert.equal(waitNotice('AXP', { reason: 'retry-after', ms: 7000, status: 429 }, undefined), 'AXP asked to wait 7 s; retrying then.');
    assert.equal(waitNotice('AXP', { reason: 'backoff', ms: 999, status: 503 }, undefined), undefined);
  });

  describe('over the emulator: the client tells why it backs off', function () {
    this.timeout(20_000);
    const NOW = Date.parse('2025-12-20T12:00:00.000Z');
    const HOUR = 3_600_000;
    let emulator: Emulator;
    let http: HttpClient;
    before(async () => {
      emulator = await startFixedEmulator(NOW, { fromMs: NOW - 48 * HOUR, toMs: NOW - 2 * HOUR }, 30);
      http = createHttpClient({ backoffBaseMs: 5, backoffMaxMs: 20, maxRetries: 2 });
    });
    after(async () => {
      await http.close();
      await emulator.close();
    });

    async function waitsOfSearch(): Promise<WaitInfo[]> {
      const waits: WaitInfo[] = [];
      const watching: HttpClient = {
        send: (request) => http.send({ ...request, onWait: (info) => { waits.push(info); request.onWait?.(info); } }),
        close: () => http.close(),
      };
      const query = { from: new Date(NOW - 72 * HOUR).toISOString(), to: new Date(NOW - 2 * HOUR).toISOString() };
      for await (const update of search([emulatorTarget(emulator, 'zluri')], query, { http: watching, now: () => NOW, concurrency: 1, pageSize: { zluri: 10 } })) {
        assert.notEqual(update.kind, 'error');
      }
      return waits;
    }

    it('a 503 mid-paging: the backoff carries the status, so the notice says the vendor answered', async () => {
      emulator.faults.clear();
      emulator.faults.add({ vendor: 'zluri', skip: 1, times: 1, fault: { kind: 'status', status: 503 } });
      const waits = await waitsOfSearch();
      assert.deepEqual(waits.map((w) => [w.reason, w.status]), [['backoff', 503]]);
      assert.match(waitNotice('Zluri', { ...waits[0]!, ms: 2000 }, undefined) ?? '', /^Zluri answered 503 /);
    });

    it('a connection reset: the backoff carries no status, so the notice says the vendor did not answer', async () => {
      emulator.faults.clear();
      emulator.faults.add({ vendor: 'zluri', skip: 1, times: 1, fault: { kind: 'reset-before-headers' } });
      const waits = await waitsOfSearch();
      assert.deepEqual(waits.map((w) => [w.reason, w.status]), [['backoff', undefined]]);
      assert.match(waitNotice('Zluri', { ...waits[0]!, ms: 2000 }, undefined) ?? '', /did not answer/);
    });
  });
});
