import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isAuditLensError } from '../../../src/core/errors';
import { isHttpStatusError } from '../../../src/core/http/statusErrors';
import { mapRequestError } from '../../../src/core/search/mapError';
import { buildHttpRequest } from '../../../src/core/search/requestBuilder';
import { getAdapter } from '../../../src/core/vendors/registry';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { emulatorTarget } from '../search/fixtures';

const LAZY_HTTP = path.resolve(__dirname, '../../../dist/lazyHttp.js');

/**
 * The extension loads the HTTP client from its own bundle (dist/lazyHttp.js), which has its
 * own copies of the error classes: errors must still be recognised and mapped.
 */
describe('the lazily loaded HTTP bundle', () => {
  let emulator: Emulator;
  before(async function () {
    if (!existsSync(LAZY_HTTP)) throw new Error('dist/lazyHttp.js is missing: run "npm run build" first (npm test does).');
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  it('throws errors that the extension bundle recognises and maps with the vendor wording', async () => {
    const { createHttpClient } = require(LAZY_HTTP) as typeof import('../../../src/extension/lazy/httpModule');
    const http = createHttpClient();
    const target = emulatorTarget(emulator, 'perfecto', 'not-the-token');
    const adapter = getAdapter('perfecto');
    const request = buildHttpRequest(adapter, target.connection, target.credentials, { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() }, { window: { from: '', to: '' }, index: 0, size: 10 });
    try {
      const error = await http.send(request).then(() => undefined, (e: unknown) => e);
      assert.ok(isAuditLensError(error), 'not recognised as an AuditLensError');
      assert.ok(isHttpStatusError(error), 'not recognised as an HttpStatusError');
      const mapped = mapRequestError(adapter, error, [target.credentials.token]);
      assert.equal(mapped.reason, 'auth');
      assert.equal(mapped.status, 401);
    } finally {
      await http.close();
    }
  });
});
