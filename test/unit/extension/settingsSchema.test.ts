import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readSettings, SETTING_NAMES, settingsSchema } from '../../../src/extension/settings/settingsSchema';
import { connectionIdFor, parseConnectionDefinitions } from '../../../src/extension/connections/connectionSchema';
import { COMMAND_IDS } from '../../../src/extension/commands/commandIds';
import { VENDOR_SETUP } from '../../../src/extension/connections/vendorFields';
import { checkQuickSearch, describeCheck } from '../../../src/extension/search/quickSearchValidation';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const properties = pkg.contributes.configuration.properties as Record<string, { default: unknown; scope?: string }>;

describe('extension: settings', () => {
  it('uses the defaults package.json declares', () => {
    const { settings, problems } = readSettings((name) => properties[`auditLens.${name}`]?.default);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(settings, settingsSchema.parse({}));
  });

  it('declares every setting it reads', () => {
    for (const name of Object.values(SETTING_NAMES)) assert.ok(properties[`auditLens.${name}`], `auditLens.${name} is not contributed`);
  });

  it('keeps proxy, CA file and connections out of workspace reach', () => {
    assert.strictEqual(properties['auditLens.proxy']?.scope, 'machine');
    assert.strictEqual(properties['auditLens.extraCaFile']?.scope, 'machine');
    assert.strictEqual(properties['auditLens.connections']?.scope, 'application');
  });

  it('falls back per setting and reports each bad value', () => {
    const values: Record<string, unknown> = { maxEvents: -3, defaultTimeRange: '3 days', proxy: 'ftp://x', requestTimeoutSeconds: 12 };
    const { settings, problems } = readSettings((name) => values[name]);
    assert.strictEqual(settings.maxEvents, 5000);
    assert.strictEqual(settings.defaultTimeRange, '24h');
    assert.strictEqual(settings.proxy, '');
    assert.strictEqual(settings.requestTimeoutSeconds, 12);
    assert.strictEqual(problems.length, 3);
    assert.ok(problems.some((p) => p.startsWith('auditLens.defaultTimeRange')));
  });

  it('takes as a time range only what since: takes: zero and over 100 years fall back, with a message', () => {
    for (const bad of ['0h', '999999999w']) {
      const { settings, problems } = readSettings((name) => ({ defaultTimeRange: bad, traceTimeRange: bad } as Record<string, unknown>)[name]);
      assert.strictEqual(settings.defaultTimeRange, '24h', bad);
      assert.strictEqual(settings.traceTimeRange, '7d', bad);
      assert.strictEqual(problems.length, 2, bad);
      assert.match(problems[0] ?? '', /longer than zero and at most 100 years/);
    }
    assert.strictEqual(readSettings((name) => (name === 'defaultTimeRange' ? '90m' : undefined)).settings.defaultTimeRange, '90m');
  });
});

describe('extension: connection definitions', () => {
  it('keeps valid entries and reports invalid and duplicate ones', () => {
    const { connections, problems } = parseConnectionDefinitions([
      { id: 'acme', label: 'Acme', vendor: 'perfecto', baseUrl: 'https://acme.app.perfectomobile.com' },
      { id: 'acme', label: 'Again', vendor: 'zluri', baseUrl: 'https://z.example.com' },
      { id: 'bad', label: 'Bad', vendor: 'nope', baseUrl: 'https://x' },
      { id: 'tok', label: 'T', vendor: 'zluri', baseUrl: 'https://z.example.com', token: 'secret' },
    ]);
    assert.deepStrictEqual(connections.map((c) => c.id), ['acme']);
    assert.strictEqual(problems.length, 3);
    assert.match(problems[0]?.message ?? '', /used twice/);
    assert.ok(!problems.some((p) => p.message.includes('secret')));
  });

  it('derives unique ids from labels', () => {
    assert.strictEqual(connectionIdFor('Perfecto – Acme Prod!', new Set()), 'perfecto-acme-prod');
    assert.strictEqual(connectionIdFor('Acme', new Set(['acme', 'acme-2'])), 'acme-3');
  });

  it('turns each vendor\'s short address into an https base URL and keeps full URLs', () => {
    assert.strictEqual(VENDOR_SETUP.perfecto.baseUrl('acme'), 'https://acme.app.perfectomobile.com');
    assert.strictEqual(VENDOR_SETUP.descope.baseUrl(''), 'https://api.descope.com');
    assert.strictEqual(VENDOR_SETUP.zluri.baseUrl('api-ext.zluri.com/'), 'https://api-ext.zluri.com');
    assert.strictEqual(VENDOR_SETUP.axp.baseUrl('http://127.0.0.1:9000/axp'), 'http://127.0.0.1:9000/axp');
    assert.throws(() => VENDOR_SETUP.zluri.baseUrl('not a host'), /neither a URL nor a host/);
  });
});

describe('extension: package.json commands', () => {
  it('contributes exactly the commands the extension registers', () => {
    const contributed = (pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
    assert.deepStrictEqual(contributed, [...COMMAND_IDS].sort());
  });

  it('activates lazily', () => {
    assert.ok(!(pkg.activationEvents as string[]).includes('*'));
    assert.ok((pkg.activationEvents as string[]).includes('onWebviewPanel:auditLens.results'));
  });
});

describe('extension: quick-search validation', () => {
  const now = Date.parse('2025-12-04T12:00:00.000Z');
  it('summarizes filters and the resolved range', () => {
    const check = checkQuickSearch('actor:bob status:failure since:24h', '24h', now);
    assert.ok(check.ok);
    assert.match(check.summary, /actor=bob/);
    assert.match(check.summary, /2025-12-03 12:00 → 2025-12-04 12:00 UTC/);
  });

  it('points at the offending character', () => {
    const text = 'status:maybe';
    const check = checkQuickSearch(text, '24h', now);
    assert.ok(!check.ok);
    assert.match(describeCheck(text, check), /^✗ at character \d+: /);
  });
});
