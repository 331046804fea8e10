// Base URLs as settings may hold them, typed by hand: the request must reach the vendor path,
// and no message may quote a password typed into the address.
import * as assert from 'assert';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import type { AuditQuery, Connection } from '../../../src/core/model';
import { addressForMessage, buildHttpRequest, parseBaseUrl } from '../../../src/core/search/requestBuilder';
import { zluriAdapter } from '../../../src/core/vendors/zluri/adapter';
import { EMULATOR_CREDENTIALS, EMULATOR_SURFSIGHT_LOGIN } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { surfsightLogin } from '../../../src/extension/connections/surfsightLogin';
import { messageOf } from './fixtures';

const query: AuditQuery = { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' };
const cursor = { window: { from: query.from, to: query.to }, index: 0, size: 10 };
const PASSWORD = 'Hunter2secret';

function zluri(baseUrl: string): Connection {
  return { id: 'z', label: 'Z', vendor: 'zluri', baseUrl };
}

describe('core: request builder base URLs', () => {
  let emulator: Emulator;
  let http: HttpClient;
  before(async () => {
    emulator = await startEmulator({ rateLimits: false });
    http = createHttpClient({ deadlineMs: 5000, maxRetries: 0 });
  });
  after(async () => {
    await http.close();
    await emulator.close();
  });

  for (const bare of ['?', '/?', '#', '/#', '?#']) {
    it(`keeps the vendor path after a base URL ending in a bare "${bare}"`, async () => {
      const base = emulator.baseUrl('zluri');
      const request = buildHttpRequest(zluriAdapter, zluri(base + bare), EMULATOR_CREDENTIALS.zluri, query, cursor);
      const expected = buildHttpRequest(zluriAdapter, zluri(base), EMULATOR_CREDENTIALS.zluri, query, cursor);
      assert.strictEqual(request.url, expected.url);
      const response = await http.send(request);
      assert.strictEqual(response.status, 200);
      assert.ok(Array.isArray(zluriAdapter.parsePage(response.json, cursor).events), 'the vendor answered with its audit list');
    });
  }

  it('logs in to Surfsight through a base URL ending in a bare "#"', async () => {
    const { token } = await surfsightLogin(http, `${emulator.baseUrl('surfsight')}/#`, EMULATOR_SURFSIGHT_LOGIN);
    assert.ok(token.length > 0);
  });

  it('still refuses a base URL with a real query or fragment', () => {
    assert.match(messageOf(() => parseBaseUrl('https://api-ext.zluri.com/?x=1')), /query or fragment/);
    assert.match(messageOf(() => parseBaseUrl('https://api-ext.zluri.com/#top')), /query or fragment/);
  });

  it('accepts any case of the scheme and host', () => {
    assert.strictEqual(parseBaseUrl('HTTPS://Api-Ext.Zluri.com').origin, 'https://api-ext.zluri.com');
  });

  for (const typed of [
    `https://admin:${PASSWORD}@acme.app.perfectomobile.com:99999`,
    `https://admin:${PASSWORD}@acme app.com`,
    `HTTPS://admin:${PASSWORD}@acme.app.perfectomobile.com:99999`,
    `https://admin:pre/${PASSWORD}@acme.app.perfectomobile.com`,
    `https://admin:pre#${PASSWORD}@acme.app.perfectomobile.com`,
    `https://admin:a@${PASSWORD}@acme.app.perfectomobile.com:99999`,
    `admin:${PASSWORD}@acme.app.perfectomobile.com`,
    `https://acme.app.perfectomobile.com:99999/?token=${PASSWORD}`,
  ]) {
    it(`never quotes the secret of ${JSON.stringify(typed.replace(PASSWORD, '<password>'))}`, () => {
      const message = messageOf(() => parseBaseUrl(typed));
      assert.ok(!message.includes(PASSWORD), message);
    });
  }

  it('still names the host it could not use', () => {
    const message = messageOf(() => parseBaseUrl(`https://admin:${PASSWORD}@acme.app.perfectomobile.com:99999`));
    assert.strictEqual(message, '"https://…@acme.app.perfectomobile.com:99999" is not a URL. Use the vendor\'s https:// address.');
  });

  it('quotes an address without a user name or query as typed', () => {
    assert.strictEqual(addressForMessage(' https://acme app.com/x '), 'https://acme app.com/x');
    assert.strictEqual(addressForMessage('https://acme.com:99999/?k=v'), 'https://acme.com:99999/…');
  });
});
