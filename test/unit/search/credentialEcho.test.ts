// A vendor body that reads as an error and repeats the credential must not put it on screen:
// errors raised while reading a page pass through the same redaction as HTTP errors.
import * as assert from 'node:assert/strict';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import { search } from '../../../src/core/search/engine';
import type { SearchUpdate } from '../../../src/core/search/types';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { emulatorTarget, startFixedEmulator } from './fixtures';

const HOUR = 3_600_000;
const NOW = Date.parse('2025-12-20T12:00:00.000Z');
const QUERY = { from: new Date(NOW - 72 * HOUR).toISOString(), to: new Date(NOW - 2 * HOUR).toISOString() };

describe('search engine: a page body that echoes the credential', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let http: HttpClient;
  before(async () => {
    emulator = await startFixedEmulator(NOW, { fromMs: NOW - 48 * HOUR, toMs: NOW - 2 * HOUR }, 30);
    http = createHttpClient({ maxRetries: 0 });
  });
  after(async () => {
    await http.close();
    await emulator.close();
  });

  it('Perfecto: a 200 whose error list names the security token reports the error without the token', async () => {
    const token = EMULATOR_CREDENTIALS.perfecto.token;
    const body = JSON.stringify([{ userMessage: `Security token ${token} is not permitted to use the audit API`, developerMessage: `AUD-403 for ${token}` }]);
    emulator.faults.add({ vendor: 'perfecto', skip: 1, times: 1, fault: { kind: 'raw-body', body, contentType: 'application/json' } });
    const updates: SearchUpdate[] = [];
    for await (const update of search([emulatorTarget(emulator, 'perfecto')], QUERY, { http, now: () => NOW, concurrency: 1, pageSize: { perfecto: 10 } })) {
      updates.push(update);
    }
    const errors = updates.flatMap((u) => (u.kind === 'error' ? [u.error] : []));
    assert.equal(errors.length, 1);
    const error = errors[0]!;
    assert.match(error.message, /not permitted/, 'the vendor\'s words stay, only the token goes');
    for (const text of [error.message, error.vendorMessage, error.supportRef, String(error.cause ?? '')]) {
      assert.ok(!String(text).includes(token), `the token shows in: ${text}`);
    }
    const done = updates.at(-1);
    assert.ok(done?.kind === 'done');
    assert.ok(!JSON.stringify(done.summary.connections[0]?.error ?? {}).includes(token));
  });
});
