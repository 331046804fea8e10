// A credential refused part-way through a search: the engine asks the target once for a newer
// one (a renewed login token, a credential the user replaced) and sends the page again.
import * as assert from 'node:assert/strict';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import { VENDORS, type Credentials } from '../../../src/core/model';
import { collect } from '../../../src/core/search/engine';
import type { SearchTarget } from '../../../src/core/search/types';
import { EMULATOR_CREDENTIALS, EMULATOR_SURFSIGHT_LOGIN } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget, HOUR, startFixedEmulator } from './fixtures';

const NOW = Date.parse('2025-12-20T12:00:00.000Z');
const QUERY = { from: new Date(NOW - 72 * HOUR).toISOString(), to: new Date(NOW - 2 * HOUR).toISOString() };
const EVENTS = 30;

describe('search engine: a credential refused part-way', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let http: HttpClient;
  before(async () => {
    emulator = await startFixedEmulator(NOW, { fromMs: NOW - 48 * HOUR, toMs: NOW - 2 * HOUR }, EVENTS);
    http = createHttpClient({ maxRetries: 0 });
  });
  afterEach(() => emulator.faults.clear());
  after(async () => {
    await http.close();
    await emulator.close();
  });

  /** The target with `renew` as its renewal, counting the credentials it was asked about. */
  function renewing(target: SearchTarget, renew: (refused: Credentials) => Credentials, delayMs = 0): { target: SearchTarget; asked: Credentials[] } {
    const asked: Credentials[] = [];
    const renewCredentials = async (refused: Credentials): Promise<Credentials> => {
      asked.push(refused);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return renew(refused);
    };
    return { asked, target: { ...target, renewCredentials } };
  }

  for (const vendor of VENDORS) {
    it(`${vendor}: a refused credential is renewed once and the search completes with it`, async () => {
      // Descope's credential is "ProjectId:ManagementKey": the revoked one keeps the project.
      const revoked = vendor === 'descope' ? `${EMULATOR_CREDENTIALS.descope.token.split(':')[0]}:revoked-key` : 'revoked-token';
      const { target, asked } = renewing(emulatorTarget(emulator, vendor, revoked), () => ({ ...EMULATOR_CREDENTIALS[vendor] }));
      const result = await collect([target], QUERY, { http, now: () => NOW, pageSize: { [vendor]: 5 } });
      assert.deepEqual(result.updates.filter((u) => u.kind === 'error'), []);
      assert.equal(result.events.length, EVENTS);
      assert.deepEqual(asked.map((c) => c.token), [revoked]);
    });
  }

  it('reports the refusal when the renewal offers the same credential, or fails, asking once', async () => {
    for (const renew of [(refused: Credentials) => ({ ...refused }), () => { throw new Error('the keychain is locked'); }]) {
      const { target, asked } = renewing(emulatorTarget(emulator, 'zluri', 'revoked-token'), renew);
      const result = await collect([target], QUERY, { http, now: () => NOW, pageSize: { zluri: 5 } });
      const errors = result.updates.flatMap((u) => (u.kind === 'error' ? [u.error] : []));
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.reason, 'auth');
      assert.ok(!errors[0]?.message.includes('revoked-token'));
      assert.equal(asked.length, 1);
    }
  });

  it('pages refused together at concurrency 4 wait for one renewal and are all delivered', async () => {
    const response = await fetch(`${emulator.baseUrl('surfsight')}/v2/authenticate`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(EMULATOR_SURFSIGHT_LOGIN),
    });
    const renewed = ((await response.json()) as { data: { token: string } }).data.token;
    assert.notEqual(renewed, EMULATOR_CREDENTIALS.surfsight.token);
    emulator.faults.add({ vendor: 'surfsight', skip: 1, times: 3, fault: { kind: 'status', status: 401, body: { message: 'Token expired' } } });
    // A slow renewal: the other refused pages come back while it is still running.
    const { target, asked } = renewing(emulatorTarget(emulator, 'surfsight'), () => ({ token: renewed }), 300);
    const result = await collect([target], QUERY, { http, now: () => NOW, concurrency: 4, pageSize: { surfsight: 5 } });
    assert.deepEqual(result.updates.filter((u) => u.kind === 'error'), []);
    assert.equal(result.events.length, EVENTS);
    assert.equal(asked.length, 1, 'one renewal for the three pages refused together');
  });

  it('a renewal that never answers does not hold up a cancelled search', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const target: SearchTarget = {
      ...emulatorTarget(emulator, 'zluri', 'revoked-token'),
      renewCredentials: (_refused, signal) => {
        signals.push(signal);
        setTimeout(() => controller.abort(), 50);
        return new Promise<Credentials>(() => undefined);
      },
    };
    const result = await collect([target], QUERY, { http, now: () => NOW, pageSize: { zluri: 5 }, signal: controller.signal });
    assert.equal(signals.length, 1);
    assert.equal(signals[0]?.aborted, true, 'the renewal is told the search ended');
    assert.ok(result.updates.some((u) => u.kind === 'done'), 'the search ended');
    assert.deepEqual(result.events, []);
  });
});
