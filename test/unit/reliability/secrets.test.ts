import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { toCsv, toJson, toNdjson } from '../../../src/core/export/formats';
import { VENDORS, type VendorId } from '../../../src/core/model';
import type { Fault } from '../../../src/emulator/faults';
import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { recordingLogger } from '../http/harness';
import { emulatorTarget } from '../search/fixtures';
import { startEmulator } from '../../../src/emulator/start';
import { DAY, fastClient, HOUR, PAGE, runSearch, useRecordingServer, useReliabilityEmulator, type RecordingServer } from './harness';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** Every test credential, and the parts of a `ProjectId:ManagementKey` that are secret on their own. */
const SECRETS = VENDORS.flatMap((vendor) => {
  const { token, appKey } = EMULATOR_CREDENTIALS[vendor];
  // Descope's project id is public (it is in every audit record); its management key is not.
  const key = vendor === 'descope' ? [token.slice(token.indexOf(':') + 1)] : [];
  return [token, ...key, ...(appKey ? [appKey] : [])];
});

function assertNoSecret(where: string, text: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} contains a credential`);
}

function everythingAbout(error: unknown): string {
  return [(error as Error).message, inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error), String((error as Error).stack)].join('\n');
}

interface Run { code: number | null; stdout: string; stderr: string }

function runCli(args: string[], env: Record<string, string>, closeStdoutEarly = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (closeStdoutEarly) child.stdout.destroy(); // like `| head -1`: the next write fails with EPIPE
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Row 17 (core and CLI): logs, errors, notices, exports, CLI output and crash output hold no credential. */
describe('reliability 17: no credential in logs, errors, exports or CLI output', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let elsewhere: RecordingServer;
  useReliabilityEmulator((started) => { emulator = started; });
  useRecordingServer((started) => { elsewhere = started; });

  /** A vendor error body that repeats the credential it was sent, in every vendor's message field. */
  const echoing = (vendor: VendorId): Fault => {
    const { token, appKey } = EMULATOR_CREDENTIALS[vendor];
    const text = `Invalid credential ${token}${appKey ? ` with app key ${appKey}` : ''}`;
    return { kind: 'status', status: 401, body: { message: text, userMessage: text } };
  };

  const faults = (vendor: VendorId): Array<[string, Fault | undefined]> => [
    ['success', undefined],
    ['401 whose body repeats the credential', echoing(vendor)],
    ['401', { kind: 'status', status: 401 }],
    ['403', { kind: 'status', status: 403 }],
    ['400 echoing the request', { kind: 'status', status: 400, body: { message: 'bad request' } }],
    ['503 after the retry budget', { kind: 'status', status: 503 }],
    ['429 beyond the ceiling', { kind: 'status', status: 429, headers: { 'retry-after': '9999' } }],
    ['reset', { kind: 'reset-mid-body' }],
    ['HTML', { kind: 'html-200' }],
    ['truncated JSON', { kind: 'truncated-json' }],
    ['not a page', { kind: 'raw-body', body: '{"unexpected":true}' }],
    ['redirect', { kind: 'redirect', location: `${elsewhere.origin}/x` }],
    ['too large', { kind: 'huge', bytes: 1024 * 1024 }],
  ];

  it('core: for every vendor and fault, logs, errors, notices, warnings and exports are free of credentials', async () => {
    const logger = recordingLogger();
    let failures = 0;
    for (const vendor of VENDORS) {
      for (const [name, fault] of faults(vendor)) {
        emulator.faults.clear();
        if (fault) emulator.faults.add({ vendor, skip: 1, fault });
        const http = fastClient({ logger, maxResponseBytes: 256 * 1024, headersTimeoutMs: 300 });
        try {
          const run = await runSearch([emulatorTarget(emulator, vendor)], { http, logger, pageSize: { [vendor]: PAGE }, concurrency: 1 });
          const where = `${vendor} / ${name}`;
          failures += run.errors.length;
          for (const { error } of run.errors) assertNoSecret(`${where}: the error`, everythingAbout(error));
          if (name.includes('repeats the credential')) {
            const shown = run.errors.map(({ error }) => `${error.message} ${error.vendorMessage ?? ''}`).join(' ');
            assert.match(shown, /Invalid credential <redacted>/, `${where}: the vendor's words, without the credential, are shown`);
          }
          assertNoSecret(`${where}: a notice`, run.notices.join('\n'));
          assertNoSecret(`${where}: a warning`, JSON.stringify(run.warnings));
          assertNoSecret(`${where}: an export`, toCsv(run.events) + toNdjson(run.events) + toJson(run.events));
          assertNoSecret(`${where}: the summary`, inspect(run.summary, { depth: 10 }));
        } finally {
          await http.close();
        }
      }
    }
    // Every fault fails the search, except Descope reading a body without `audits` as an empty page.
    assert.equal(failures, VENDORS.length * (faults('zluri').length - 1) - 1, 'a fault did not fail the search');
    assert.ok(logger.lines.length > 100);
    assertNoSecret('the log', logger.lines.join('\n'));
    assert.equal(elsewhere.received.length, 0);
    // The credentials did reach the emulator: otherwise this would prove nothing.
    assert.ok(emulator.requests.some((r) => r.headers['perfecto-authorization'] === EMULATOR_CREDENTIALS.perfecto.token));
  });

  describe('the CLI (built dist/cli.js)', () => {
    let live: Emulator; // the CLI reads the real clock, so its emulator does too
    before(async () => {
      if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run "node esbuild.js" first (npm test does).');
      live = await startEmulator({ data: { window: { fromMs: Date.now() - 5 * DAY, toMs: Date.now() - 2 * HOUR }, counts: Object.fromEntries(VENDORS.map((v) => [v, 40])) } });
    });
    after(() => live.close());
    beforeEach(() => live.faults.clear());
    const args = (vendor: VendorId, ...more: string[]): string[] => [
      'search', '--vendor', vendor, '--base-url', live.baseUrl(vendor),
      ...(vendor === 'axp' ? ['--account', EMULATOR_AXP_ACCOUNT] : []), '--since', '7d', ...more,
    ];
    const env = (vendor: VendorId, token = EMULATOR_CREDENTIALS[vendor].token): Record<string, string> => {
      const appKey = EMULATOR_CREDENTIALS[vendor].appKey;
      return { AUDIT_LENS_TOKEN: token, ...(appKey ? { AUDIT_LENS_APP_KEY: appKey } : {}) };
    };

    it('prints no credential in any format, on success or on a vendor fault', async () => {
      for (const vendor of VENDORS) {
        for (const format of vendor === 'axp' || vendor === 'descope' ? ['ndjson', 'json', 'csv', 'table'] : ['ndjson']) {
          const run = await runCli(args(vendor, '--format', format, '--limit', '20'), env(vendor));
          assert.equal(run.code, 0, run.stderr);
          assert.ok(run.stdout.length > 100);
          assertNoSecret(`${vendor} ${format} stdout`, run.stdout + run.stderr);
        }
        const vendorFaults: Fault[] = vendor === 'descope' || vendor === 'axp'
          ? [{ kind: 'status', status: 401 }, { kind: 'html-200' }, { kind: 'redirect', location: `${elsewhere.origin}/` }, { kind: 'truncated-json' }]
          : [{ kind: 'status', status: 401 }, { kind: 'redirect', location: `${elsewhere.origin}/` }];
        for (const fault of vendorFaults) {
          live.faults.clear();
          live.faults.add({ vendor, fault });
          const run = await runCli(args(vendor), env(vendor));
          assert.ok(run.code === 3 || run.code === 4, `${vendor} ${fault.kind}: exit ${run.code}`);
          assert.match(run.stderr, new RegExp(`^audit-lens: ${vendor}: [^\\n]+\\n$`));
          assertNoSecret(`${vendor} ${fault.kind} output`, run.stdout + run.stderr);
        }
      }
      assert.equal(elsewhere.received.length, 0);
    });

    it('prints a record that repeats the credential with the credential replaced', async () => {
      const token = EMULATOR_CREDENTIALS.zluri.token;
      const item = { _id: 'leak', event: 'update_integration', event_timestamp: new Date(Date.now() - HOUR).toISOString(), event_description: `API key set to ${token.repeat(6)}` }; // long enough for the table to cut inside a copy
      for (const format of ['ndjson', 'csv', 'table']) {
        live.faults.clear();
        live.faults.add({ vendor: 'zluri', fault: { kind: 'raw-body', body: JSON.stringify({ count: 1, page: 1, page_size: 100, items: [item] }) } });
        const run = await runCli(args('zluri', '--format', format), env('zluri'));
        assert.equal(run.code, 0, run.stderr);
        assertNoSecret(`${format} stdout`, run.stdout);
        if (format !== 'table') assert.match(run.stdout, /API key set to <redacted>/, format); // the table cuts descriptions
        // The table cuts long cells: a secret cut in half must not show its first characters either.
        for (let at = 0; at + 8 <= token.length; at++) assert.ok(!run.stdout.includes(token.slice(at, at + 8)), `${format}: a piece of the credential`);
      }
    });

    it('crash output holds no credential: a closed stdout pipe, and a credential with a line break (header injection)', async () => {
      const page = { count: 1, page: 1, page_size: 100, items: [{ _id: 'big', event: 'x', event_timestamp: new Date().toISOString(), event_description: 'a'.repeat(4_000_000) }] };
      live.faults.add({ vendor: 'zluri', times: 1, fault: { kind: 'raw-body', body: JSON.stringify(page) } });
      const closed = await runCli(args('zluri', '--format', 'ndjson'), env('zluri'), true);
      // A reader that went away took what it wanted: a quiet end, not a crash.
      assert.equal(closed.code, 0, `a write to a closed pipe exited ${closed.code}: ${closed.stderr}`);
      assert.equal(closed.stderr, '');
      assertNoSecret('closed-pipe output', closed.stdout + closed.stderr);
      for (const vendor of VENDORS) {
        const secret = vendor === 'descope' ? 'P2emulatorproject:emulator-descope-management-key' : EMULATOR_CREDENTIALS[vendor].token;
        const injected = `${secret}\r\nX-Injected: yes`;
        const run = await runCli(args(vendor), env(vendor, injected));
        assert.ok(run.code !== 0, `${vendor}: a credential with a line break was accepted`);
        assert.match(run.stderr, /^audit-lens: [^\n]+\n$/);
        assertNoSecret(`${vendor} injected-credential output`, run.stdout + run.stderr);
        assert.ok(!live.requests.some((r) => r.headers['x-injected'] !== undefined), 'a header was injected');
      }
    });
  });
});
