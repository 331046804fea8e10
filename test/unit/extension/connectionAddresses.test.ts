// What the add-connection wizard saves must be what settings accept on the next read, and
// package.json's settings schema must accept exactly the entries the code keeps.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { VendorId } from '../../../src/core/model';
import { buildHttpRequest } from '../../../src/core/search/requestBuilder';
import { getAdapter } from '../../../src/core/vendors/registry';
import { parseConnectionDefinitions } from '../../../src/extension/connections/connectionSchema';
import { VENDOR_SETUP } from '../../../src/extension/connections/vendorFields';
import { messageOf } from '../search/fixtures';

interface StringSchema { pattern?: string; minLength?: number; maxLength?: number }
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { items: { properties: Record<string, StringSchema> } }> } };
};
const fields = pkg.contributes.configuration.properties['auditLens.connections']?.items.properties ?? {};

/** Whether VS Code's settings schema would accept `value` for `field` (the string checks we use). */
function packageAccepts(field: string, value: string): boolean {
  const schema = fields[field];
  assert.ok(schema, `package.json has no ${field}`);
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  return schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(value);
}

const entry = { id: 'acme', label: 'Acme', vendor: 'zluri', baseUrl: 'https://api-ext.zluri.com' };
const codeAccepts = (changes: Record<string, string>) => parseConnectionDefinitions([{ ...entry, ...changes }]).problems.length === 0;
const PASSWORD = 'Hunter2secret';

describe('extension: connection addresses', () => {
  for (const [vendor, typed, saved] of [
    ['perfecto', 'HTTPS://Acme.App.PerfectoMobile.com', 'https://acme.app.perfectomobile.com'],
    ['zluri', 'Https://api-ext.zluri.com/', 'https://api-ext.zluri.com'],
    ['zluri', 'https://api-ext.zluri.com/?', 'https://api-ext.zluri.com'],
    ['zluri', 'https://api-ext.zluri.com/#', 'https://api-ext.zluri.com'],
    ['zluri', 'https://api-ext.zluri.com/prefix//?#', 'https://api-ext.zluri.com/prefix'],
    ['zluri', 'https://api-ext.zluri.com:443/', 'https://api-ext.zluri.com'],
    ['zluri', 'API-EXT.Zluri.com/', 'https://api-ext.zluri.com'],
    ['zluri', 'bücher.example', 'https://xn--bcher-kva.example'],
    ['zluri', 'https://bücher.example/', 'https://xn--bcher-kva.example'],
    ['axp', 'http://127.0.0.1:9000/axp/', 'http://127.0.0.1:9000/axp'],
    ['descope', '', 'https://api.descope.com'],
  ] as const) {
    it(`saves ${JSON.stringify(typed)} for ${vendor} as ${saved}, which settings keep`, () => {
      const baseUrl = VENDOR_SETUP[vendor as VendorId].baseUrl(typed);
      assert.strictEqual(baseUrl, saved);
      const reread = parseConnectionDefinitions([{ ...entry, vendor, baseUrl }]);
      assert.deepStrictEqual(reread.problems, []);
      assert.strictEqual(reread.connections[0]?.baseUrl, saved);
      assert.ok(packageAccepts('baseUrl', baseUrl));
    });
  }

  it('accepts an internationalized host name typed as a short name, as it does a full URL', () => {
    assert.strictEqual(VENDOR_SETUP.surfsight.baseUrl('Bücher.example:8443'), 'https://xn--bcher-kva.example:8443');
  });

  it('keeps settings written by hand with an uppercase scheme, and requests the vendor path', () => {
    const { connections, problems } = parseConnectionDefinitions([{ ...entry, baseUrl: 'HTTPS://API-EXT.zluri.com/?' }]);
    assert.deepStrictEqual(problems, []);
    const connection = connections[0];
    assert.ok(connection);
    const request = buildHttpRequest(getAdapter('zluri'), connection, { token: 't' }, { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' },
      { window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, index: 0, size: 10 });
    assert.match(request.url, /^https:\/\/api-ext\.zluri\.com\/ext\/v1\/audit\/list\?page=1&/);
  });

  for (const typed of [
    `https://admin:${PASSWORD}@acme.app.perfectomobile.com:99999`,
    `admin:${PASSWORD}@acme.app.perfectomobile.com`,
    `ftp://admin:${PASSWORD}@acme.app.perfectomobile.com`,
    `acme.app.perfectomobile.com:99999/?token=${PASSWORD}`,
  ]) {
    it(`refuses ${JSON.stringify(typed.replace(PASSWORD, '<password>'))} without quoting the secret`, () => {
      const message = messageOf(() => VENDOR_SETUP.perfecto.baseUrl(typed));
      assert.ok(!message.includes(PASSWORD), message);
    });
  }

  it('refuses a base URL in settings that is no URL, without quoting it', () => {
    const { connections, problems } = parseConnectionDefinitions([{ ...entry, baseUrl: `https://admin:${PASSWORD}@api-ext.zluri.com:99999` }]);
    assert.deepStrictEqual(connections, []);
    assert.match(problems[0]?.message ?? '', /baseUrl: is not a URL/);
    assert.ok(!problems[0]?.message.includes(PASSWORD));
  });

  for (const [field, value] of [
    ['baseUrl', 'https://api-ext.zluri.com'],
    ['baseUrl', 'HTTPS://api-ext.zluri.com'],
    ['baseUrl', 'hTtP://127.0.0.1:9000'],
    ['baseUrl', 'ftp://api-ext.zluri.com'],
    ['baseUrl', 'api-ext.zluri.com'],
    ['label', 'Acme'],
    ['label', ' Acme '],
    ['label', ''],
    ['label', ' '],
    ['label', '\t\n'],
    ['label', 'L'.repeat(200)],
    ['label', 'L'.repeat(201)],
    ['accountId', 'ASDJGE'],
    ['accountId', ''],
    ['accountId', '  '],
  ] as const) {
    it(`package.json and the code agree on ${field} ${JSON.stringify(value)}`, () => {
      assert.strictEqual(packageAccepts(field, value), codeAccepts({ [field]: value }));
    });
  }
});
