import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { VENDORS, type VendorId } from '../../../src/core/model';
import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { version } from '../../../package.json';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Run { code: number | null; stdout: string; stderr: string }

function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The same, with standard output on a terminal (`script` runs the CLI on a pseudo-terminal); standard error is dropped. */
function runCliOnTerminal(args: string[], env: Record<string, string>): Promise<Run> {
  const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
  const command = `${[process.execPath, CLI, ...args].map(quote).join(' ')} 2>/dev/null`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', TERM: 'dumb', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: stdout.replace(/\r\n/g, '\n'), stderr: '' }));
  });
}

function credentialEnv(vendor: VendorId): Record<string, string> {
  const { token, appKey } = EMULATOR_CREDENTIALS[vendor];
  return { AUDIT_LENS_TOKEN: token, ...(appKey ? { AUDIT_LENS_APP_KEY: appKey } : {}) };
}

const EVENT_KEYS = ['action', 'actor', 'changes', 'description', 'id', 'raw', 'resource', 'status', 'time', 'traceId', 'vendor'];
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const nullableString = (v: unknown): boolean => v === null || typeof v === 'string';

/** The normalized event contract of DESIGN.md, checked field by field. */
function assertNormalizedEvent(event: Record<string, unknown>, vendor: VendorId): void {
  assert.deepEqual(Object.keys(event).sort(), EVENT_KEYS);
  assert.equal(event.vendor, vendor);
  assert.ok(typeof event.id === 'string' && event.id !== '');
  assert.match(event.time as string, ISO_MS);
  const actor = event.actor as Record<string, unknown>;
  assert.deepEqual(Object.keys(actor).sort(), ['id', 'name', 'role', 'type']);
  assert.ok(Object.values(actor).every(nullableString));
  const resource = event.resource as Record<string, unknown>;
  assert.deepEqual(Object.keys(resource).sort(), ['id', 'name', 'type']);
  assert.ok(Object.values(resource).every(nullableString));
  assert.ok(typeof event.action === 'string');
  assert.ok(event.status === null || event.status === 'success' || event.status === 'failure');
  assert.ok(nullableString(event.description));
  if (typeof event.description === 'string') assert.doesNotMatch(event.description, /<\/?[a-z][^>]*>/i, 'description holds markup');
  assert.ok(nullableString(event.traceId));
  assert.ok(Array.isArray(event.changes));
  for (const change of event.changes as Array<Record<string, unknown>>) {
    assert.deepEqual(Object.keys(change).sort(), ['field', 'new', 'old']);
    assert.equal(typeof change.field, 'string');
  }
  assert.ok(event.raw !== null && typeof event.raw === 'object' && !Array.isArray(event.raw));
}

/** What each vendor's documents say the normalized fields come from. */
const FROM_RAW: Record<VendorId, (event: Record<string, any>) => void> = {
  perfecto: (e) => {
    const hit = e.raw; // the Elasticsearch hit as received; the audit record is its _source
    const src = hit._source;
    assert.equal(e.id, hit._id);
    assert.equal(e.time, new Date(src.timestamp ?? src['@timestamp']).toISOString());
    assert.equal(e.traceId, src.trace_id ?? src.traceId ?? null);
    assert.equal(e.actor.id, src.actorId ?? src.actor_id);
    assert.equal(e.actor.type, src.actorType ?? src.actor_type);
    assert.equal(e.resource.id, src.resourceId ?? src.resource_id);
    assert.equal(e.resource.type, src.resourceType ?? src.resource_type);
    assert.equal(e.status, src.status.toLowerCase());
    assert.deepEqual(e.changes.map((c: { field: string }) => c.field).sort(), Object.keys(src.changes ?? {}).sort());
  },
  axp: (e) => {
    assert.equal(e.time, new Date(e.raw.date).toISOString());
    assert.equal(e.action, e.raw.event);
    assert.equal(e.resource.type, e.raw.type);
    assert.equal(e.traceId, null);
  },
  descope: (e) => {
    assert.equal(e.time, new Date(Number(e.raw.occurred)).toISOString());
    assert.equal(e.id, e.raw.ID);
    assert.equal(e.action, e.raw.action);
    assert.ok(e.changes.every((c: { old: unknown }) => c.old === null), 'Descope data holds new values only');
  },
  surfsight: (e) => {
    assert.equal(e.time, new Date(e.raw.createdAt).toISOString());
    assert.equal(e.traceId, e.raw.requestId ?? null);
    assert.equal(e.id, String(e.raw.id));
  },
  zluri: (e) => {
    assert.equal(e.time, new Date(e.raw.event_timestamp).toISOString());
    assert.equal(e.id, e.raw._id);
    assert.equal(e.action, e.raw.event);
    assert.equal(e.traceId, null);
    assert.deepEqual(e.changes, []);
  },
};

describe('audit-lens CLI (built dist/cli.js, as a user runs it)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  const base = (vendor: VendorId): string[] => [
    'search', '--vendor', vendor, '--base-url', emulator.baseUrl(vendor),
    ...(vendor === 'axp' ? ['--account', EMULATOR_AXP_ACCOUNT] : []),
  ];

  before(async function () {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run "npm run build" first (npm test does).');
    const now = Date.now();
    emulator = await startEmulator({ data: { window: { fromMs: now - 6 * DAY, toMs: now - 2 * HOUR }, counts: { perfecto: 240, axp: 160, descope: 150, surfsight: 210, zluri: 230 } } });
  });
  after(() => emulator.close());

  for (const vendor of VENDORS) {
    it(`${vendor}: prints every event in the range as ndjson, newest first, to the contract`, async () => {
      const run = await runCli([...base(vendor), '--since', '30d'], credentialEnv(vendor));
      // No progress when stderr is not a terminal; only notes a user must see (Perfecto's hour
      // before events can be searched; 30 days is within Descope's reach, so no note for it).
      const notes = run.stderr.split('\n').filter(Boolean);
      for (const line of notes) assert.match(line, /^audit-lens: perfecto: note: Perfecto makes audit events searchable about an hour after they happen: events after \S+ may not be there yet\.$/);
      assert.equal(notes.length, vendor === 'perfecto' ? 1 : 0, run.stderr);
      assert.equal(run.code, 0);
      const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal(events.length, emulator.dataset.counts[vendor]);
      for (const event of events) {
        assertNormalizedEvent(event, vendor);
        FROM_RAW[vendor](event);
      }
      for (let i = 1; i < events.length; i++) assert.ok((events[i - 1]?.time as string) >= (events[i]?.time as string));
      assert.ok(!run.stdout.includes(EMULATOR_CREDENTIALS[vendor].token));
    });
  }

  it('prints an aligned table', async () => {
    const run = await runCli([...base('zluri'), '--since', '7d', '--limit', '5', '--format', 'table'], credentialEnv('zluri'));
    assert.equal(run.code, 0);
    const lines = run.stdout.split('\n');
    assert.match(lines[0] as string, /^TIME\s+VENDOR\s+ACTOR\s+ACTION\s+RESOURCE\s+STATUS\s+DESCRIPTION$/);
    const vendorColumn = (lines[0] as string).indexOf('VENDOR');
    for (const line of lines.slice(1, 6)) assert.equal(line.indexOf('zluri'), vendorColumn);
    assert.match(run.stdout, /\n5 events\n$/);
  });

  it('prints csv with a header and json as one array', async () => {
    const csv = await runCli([...base('perfecto'), '--since', '30d', '--limit', '3', '--format', 'csv'], credentialEnv('perfecto'));
    assert.equal(csv.code, 0);
    const rows = csv.stdout.trim().split('\n');
    assert.match(rows[0] as string, /^time,vendor,id,actor\.id/);
    assert.equal(rows.length, 4);
    const json = await runCli([...base('perfecto'), '--since', '30d', '--limit', '3', '--format', 'json'], credentialEnv('perfecto'));
    assert.equal((JSON.parse(json.stdout) as unknown[]).length, 3);
  });

  it('filters with flags and with --query', async () => {
    const run = await runCli([...base('zluri'), '--since', '30d', '--query', 'status:failure'], credentialEnv('zluri'));
    assert.equal(run.code, 0);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { status: string });
    assert.ok(events.length > 0 && events.every((e) => e.status === 'failure'));
    const flagged = await runCli([...base('zluri'), '--since', '30d', '--status', 'failure'], credentialEnv('zluri'));
    assert.equal(flagged.stdout, run.stdout);
  });

  it('takes --status in any case, as status: in --query', async () => {
    const query = await runCli([...base('zluri'), '--since', '30d', '--query', 'status:FAILURE'], credentialEnv('zluri'));
    assert.equal(query.code, 0, query.stderr);
    for (const status of ['FAILURE', 'Failure']) {
      const flagged = await runCli([...base('zluri'), '--since', '30d', '--status', status], credentialEnv('zluri'));
      assert.equal(flagged.code, 0, flagged.stderr);
      assert.ok(flagged.stdout.length > 0);
      assert.equal(flagged.stdout, query.stdout);
    }
  });

  it('refuses an empty filter flag, naming it, instead of searching without it', async () => {
    const flags = ['--actor', '--action', '--resource-type', '--resource-id', '--status', '--trace-id', '--text'];
    for (const flag of flags) {
      for (const value of ['', '  ']) {
        const run = await runCli([...base('zluri'), '--since', '1d', flag, value], credentialEnv('zluri'));
        assert.equal(run.code, 2, `${flag} "${value}" → ${run.stderr}`);
        assert.equal(run.stderr, `audit-lens: zluri: ${flag} needs a value; leave the flag out to search without it.\n`);
        assert.equal(run.stdout, '');
      }
    }
  });

  it('says a filter was applied here only where something was fetched', async () => {
    for (const vendor of ['axp', 'descope', 'zluri'] as const) {
      const trace = await runCli([...base(vendor), '--since', '1d', '--trace-id', '4bf92f3577b34da6a3ce929d0e0e4736'], credentialEnv(vendor));
      assert.equal(trace.code, 0, trace.stderr);
      assert.equal(trace.stdout, '');
      assert.match(trace.stderr, new RegExp(`^audit-lens: ${vendor}: note: [^\\n]+ records no trace ids, so it was not searched for this one\\.\\n$`));
    }
    const refused = await runCli([...base('descope'), '--since', '1d', '--text', 'mateo'], { AUDIT_LENS_TOKEN: 'P2emulatorproject:wrong-secret-0123456789' });
    assert.equal(refused.code, 3, refused.stderr);
    assert.equal(refused.stderr.split('\n').filter(Boolean).length, 1, refused.stderr);
    assert.doesNotMatch(refused.stderr, /filtered here/);
  });

  it('writes a result of several thousand events in pieces with the same bytes as one string', async () => {
    const now = Date.now();
    // Four searches in a row: Descope's documented rate limit would hold the last one for a minute.
    const large = await startEmulator({ rateLimits: false, data: { window: { fromMs: now - 20 * DAY, toMs: now - 2 * HOUR }, counts: { perfecto: 1, axp: 1, descope: 2500, surfsight: 1, zluri: 1 } } });
    try {
      const args = ['search', '--vendor', 'descope', '--base-url', large.baseUrl('descope'), '--since', '21d'];
      const ndjson = await runCli(args, credentialEnv('descope'));
      assert.equal(ndjson.code, 0, ndjson.stderr);
      const events = ndjson.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
      assert.equal(events.length, 2500);
      const json = await runCli([...args, '--format', 'json'], credentialEnv('descope'));
      assert.equal(json.stdout, `${JSON.stringify(events, null, 2)}\n`);
      const csv = await runCli([...args, '--format', 'csv'], credentialEnv('descope'));
      assert.equal(csv.stdout.match(/^time,vendor,id,/gm)?.length, 1, 'one header');
      const table = await runCli([...args, '--format', 'table'], credentialEnv('descope'));
      assert.equal(table.stdout.match(/^TIME\s+VENDOR/gm)?.length, 1, 'one header');
      assert.match(table.stdout, /\n\n2500 events\n$/);
    } finally {
      await large.close();
    }
  });

  it('exits 2 with one stderr line for usage errors', async () => {
    const cases: string[][] = [
      ['search', '--base-url', 'http://127.0.0.1:1'],
      [...base('zluri'), '--since', '3 days'],
      [...base('zluri'), '--since', '1d', '--from', '2025-01-01T00:00:00Z'],
      [...base('zluri'), '--format', 'xml'],
      [...base('zluri'), '--query', 'colour:red'],
      [...base('zluri'), '--limit', '0'],
      [...base('zluri'), '--from', 'Nov 1 2026'],
      [...base('zluri'), '--from', '2026-11-31'],
      [...base('zluri'), '--since', '0d'],
      ['search', '--vendor', 'zluri', '--base-url', 'http://audit.example.com/zluri'],
    ];
    for (const args of cases) {
      const run = await runCli(args, credentialEnv('zluri'));
      assert.equal(run.code, 2, `${args.join(' ')} → ${run.stderr}`);
      assert.match(run.stderr, /^audit-lens: [^\n]+\n$/);
      assert.equal(run.stdout, '');
    }
    const account = await runCli(['search', '--vendor', 'axp', '--base-url', emulator.baseUrl('axp'), '--account', 'OTHER1', '--since', '1d'], credentialEnv('axp'));
    assert.equal(account.code, 2, account.stderr);
    assert.match(account.stderr, /^audit-lens: axp: Avaya AXP does not know this connection's account \(400\)\. Avaya AXP says: "Invalid AccountID"\. Check --account and --base-url\.\n$/);
    const plainHttp = await runCli(['search', '--vendor', 'zluri', '--base-url', 'http://audit.example.com/zluri', '--since', '1d'], { AUDIT_LENS_TOKEN: 'x' });
    assert.match(plainHttp.stderr, /^audit-lens: zluri: Refusing to send a credential over http to audit\.example\.com/, 'names the vendor, and a short token mangles nothing');
    const missing = await runCli([...base('zluri')], {});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^audit-lens: zluri: set AUDIT_LENS_TOKEN/);
  });

  it('exits 3 when the vendor refuses the credential, without echoing it', async () => {
    for (const vendor of VENDORS) {
      const secret = `wrong-secret-${vendor}-0123456789`;
      const env: Record<string, string> = { ...credentialEnv(vendor), AUDIT_LENS_TOKEN: vendor === 'descope' ? `P2emulatorproject:${secret}` : secret };
      if (vendor === 'axp') env.AUDIT_LENS_APP_KEY = secret;
      const run = await runCli([...base(vendor), '--since', '1d'], env);
      assert.equal(run.code, 3, `${vendor}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`^audit-lens: ${vendor}: [^\\n]+\\n$`));
      assert.ok(!run.stderr.includes(secret) && !run.stdout.includes(secret));
    }
  });

  it('says on stderr, terminal or not, what a user must know about the result', async () => {
    const narrowed = await runCli([...base('descope'), '--since', '40d'], credentialEnv('descope'));
    assert.equal(narrowed.code, 0);
    assert.match(narrowed.stderr, /^audit-lens: descope: note: Descope keeps audit events for 30 days only: searched from \S+\.\n$/);
    const local = await runCli([...base('descope'), '--since', '20d', '--text', 'mateo'], credentialEnv('descope'));
    assert.equal(local.code, 0);
    assert.match(local.stderr, /audit-lens: descope: note: filtered here after fetching, as the vendor cannot: text\.\n/);
    const trace = await runCli([...base('zluri'), '--since', '1d', '--trace-id', '4bf92f3577b34da6a3ce929d0e0e4736'], credentialEnv('zluri'));
    assert.equal(trace.code, 0);
    assert.equal(trace.stdout, '');
    assert.match(trace.stderr, /^audit-lens: zluri: note: Zluri records no trace ids/);
  });

  it('stops quietly with 0 when the reader goes away before the end (| head)', async () => {
    const args = [...base('zluri'), '--since', '30d', '--format', 'json'];
    const whole = await runCli(args, credentialEnv('zluri'));
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...credentialEnv('zluri') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let received = 0;
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    // Like `head -c 1000`: read one chunk, then close the pipe while the CLI is still writing.
    child.stdout.once('data', (chunk: Buffer) => {
      received = chunk.length;
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.ok(received > 0 && received < whole.stdout.length, `read ${received} of ${whole.stdout.length} bytes`);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
  });

  describe('vendor text that a terminal would act on (escape sequences, C1 controls, bidi overrides)', () => {
    const hostile = 'Ann\u001b]52;c;cHduZWQ=\u0007 \u009b31m\u202egnp.exe';
    const UNSAFE = /[\u001b\u0007\u009b\u202e]/;
    const servePage = (): void => {
      const item = { _id: 'z-hostile', actor: 'ann@example.com', event: 'USER_UPDATED', event_timestamp: new Date(Date.now() - 3 * HOUR).toISOString(), event_title: hostile };
      emulator.faults.add({ vendor: 'zluri', times: 1, fault: { kind: 'raw-body', body: JSON.stringify({ count: 1, items: [item] }), contentType: 'application/json' } });
    };
    afterEach(() => emulator.faults.clear());

    it('on a terminal, prints JSON with them escaped (the same data) and CSV with them replaced', async () => {
      servePage();
      const ndjson = await runCliOnTerminal([...base('zluri'), '--since', '1d'], credentialEnv('zluri'));
      assert.equal(ndjson.code, 0, ndjson.stdout);
      assert.doesNotMatch(ndjson.stdout, UNSAFE);
      const event = JSON.parse(ndjson.stdout.split('\n').find((line) => line.includes('"z-hostile"')) ?? '') as { raw: { event_title: string } };
      assert.equal(event.raw.event_title, hostile);
      servePage();
      const csv = await runCliOnTerminal([...base('zluri'), '--since', '1d', '--format', 'csv'], credentialEnv('zluri'));
      assert.equal(csv.code, 0, csv.stdout);
      assert.doesNotMatch(csv.stdout, UNSAFE);
      assert.ok(csv.stdout.includes('Ann\uFFFD]52;c;cHduZWQ=\uFFFD \uFFFD31m\uFFFDgnp.exe'), csv.stdout);
    });

    it('into a pipe or file, prints them exactly as received', async () => {
      servePage();
      const csv = await runCli([...base('zluri'), '--since', '1d', '--format', 'csv'], credentialEnv('zluri'));
      assert.equal(csv.code, 0, csv.stderr);
      assert.ok(csv.stdout.includes(hostile));
    });

    it('never writes them to standard error', async () => {
      emulator.faults.add({ vendor: 'zluri', fault: { kind: 'status', status: 400, body: { code: 'MISC', errors: [{ msg: `bad filter ${hostile}` }] } } });
      const run = await runCli([...base('zluri'), '--since', '1d'], credentialEnv('zluri'));
      assert.equal(run.code, 4, run.stderr);
      assert.match(run.stderr, /bad filter Ann\uFFFD/);
      assert.doesNotMatch(run.stderr, UNSAFE);
    });
  });

  it('on a failure part-way, says on stderr that the events printed are not all', async () => {
    emulator.faults.add({ vendor: 'zluri', skip: 2, fault: { kind: 'status', status: 500, body: { message: 'index unavailable' } } });
    try {
      const run = await runCli([...base('zluri'), '--since', '30d'], credentialEnv('zluri'));
      assert.equal(run.code, 4, run.stderr);
      const printed = run.stdout.trim().split('\n').filter(Boolean);
      assert.ok(printed.length > 0 && printed.length < emulator.dataset.counts.zluri, `printed ${printed.length} events`);
      for (const line of printed) assertNormalizedEvent(JSON.parse(line) as Record<string, unknown>, 'zluri');
      assert.match(run.stderr, new RegExp(`^audit-lens: zluri: Zluri had a server error \\(500\\)[^\\n]* Printed only the ${printed.length} events fetched before this failure: the output is incomplete\\.\\n$`));
    } finally {
      emulator.faults.clear();
    }
  });

  it('exits 3 when Perfecto answers a 200 with its "not permitted" error list, and says nothing was printed', async () => {
    const list = [{ userMessage: 'operation for getting audit logs is not permitted for current user', developerMessage: 'e47ee6ea72b3406ea054e7fbe088914b' }];
    emulator.faults.add({ vendor: 'perfecto', times: 1, fault: { kind: 'raw-body', body: JSON.stringify(list) } });
    try {
      const run = await runCli([...base('perfecto'), '--since', '30d'], credentialEnv('perfecto'));
      assert.equal(run.code, 3, run.stderr);
      assert.equal(run.stdout, '');
      const lines = run.stderr.split('\n').filter((line) => line !== '' && !line.includes(': note: '));
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0] as string, /^audit-lens: perfecto: Perfecto answered with an error instead of results: "operation for getting audit logs is not permitted for current user"\. .*\(support reference: e47ee6ea72b3406ea054e7fbe088914b\)\.$/);
    } finally {
      emulator.faults.clear();
    }
  });

  it('exits 4 for other failures and names the vendor', async () => {
    emulator.faults.add({ vendor: 'surfsight', fault: { kind: 'html-200' } });
    try {
      const run = await runCli([...base('surfsight'), '--since', '1d'], credentialEnv('surfsight'));
      assert.equal(run.code, 4);
      assert.match(run.stderr, /^audit-lens: surfsight: .*HTML/);
    } finally {
      emulator.faults.clear();
    }
    const refused = await runCli(['search', '--vendor', 'zluri', '--base-url', 'http://127.0.0.1:9/zluri', '--since', '1d'], credentialEnv('zluri'));
    assert.equal(refused.code, 4);
    assert.match(refused.stderr, /^audit-lens: zluri: /);
  });
  /** Events the search collects until the signal, as Ctrl-C does for SIGINT. */
  async function stopMidSearch(signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }> {
    emulator.faults.add({ vendor: 'zluri', fault: { kind: 'latency', ms: 1000 } });
    try {
      const child = spawn(process.execPath, [CLI, ...base('zluri'), '--since', '30d'], {
        env: { PATH: process.env.PATH ?? '', ...credentialEnv('zluri') }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      const before = emulator.requests.length;
      while (emulator.requests.length < before + 3) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300));
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      return { code, stdout, stderr };
    } finally {
      emulator.faults.clear();
    }
  }

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`on ${signal} prints the events fetched so far, says so, and exits ${code}`, async () => {
      const run = await stopMidSearch(signal);
      assert.equal(run.code, code, run.stderr);
      const printed = run.stdout.trim().split('\n').filter(Boolean);
      assert.ok(printed.length > 0 && printed.length < emulator.dataset.counts.zluri, `printed ${printed.length} events`);
      for (const line of printed) assertNormalizedEvent(JSON.parse(line) as Record<string, unknown>, 'zluri');
      const how = signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`;
      assert.equal(run.stderr, `audit-lens: zluri: ${how}; printed the ${printed.length} events fetched so far.\n`);
    });
  }

  it('never prints a credential that a record holds as a number', async () => {
    const secret = '84736251907';
    const item = {
      _id: 'z-pin', actor: 'user', event: 'INTEGRATION_UPDATED', event_timestamp: new Date(Date.now() - 3 * HOUR).toISOString(),
      event_description: 'pin set', event_title: 't', pin: Number(secret),
    };
    emulator.faults.add({ vendor: 'zluri', fault: { kind: 'raw-body', body: JSON.stringify({ count: 1, items: [item] }), contentType: 'application/json' } });
    try {
      const run = await runCli([...base('zluri'), '--since', '1d', '--format', 'json'], { AUDIT_LENS_TOKEN: secret });
      assert.equal(run.code, 0, run.stderr);
      assert.ok(run.stdout.includes('z-pin'), run.stdout);
      assert.ok(!run.stdout.includes(secret), run.stdout);
      const [printed] = JSON.parse(run.stdout) as Array<{ raw: { pin: unknown } }>;
      assert.equal(printed?.raw.pin, '<redacted>', 'the output is still valid JSON');
    } finally {
      emulator.faults.clear();
    }
  });

  describe('a credential that JSON or CSV escapes (" and \\)', () => {
    const secret = 'k3y"with\\back-0123';
    const escaped = [JSON.stringify(secret).slice(1, -1), secret.replace(/"/g, '""'), JSON.stringify(secret).slice(1, -1).replace(/"/g, '""')];
    afterEach(() => emulator.faults.clear());

    for (const format of ['ndjson', 'json', 'csv', 'table']) {
      it(`${format}: never prints it, neither as given nor escaped`, async () => {
        const item = {
          _id: 'z-echo', actor: 'user', actor_name: `key ${secret}`, event: 'INTEGRATION_UPDATED', event_timestamp: new Date(Date.now() - 3 * HOUR).toISOString(),
          event_description: `token=${secret}`, event_title: 't', [`field ${secret}`]: [secret, { nested: secret }],
        };
        emulator.faults.add({ vendor: 'zluri', fault: { kind: 'raw-body', body: JSON.stringify({ count: 1, items: [item] }), contentType: 'application/json' } });
        const run = await runCli([...base('zluri'), '--since', '1d', '--format', format], { AUDIT_LENS_TOKEN: secret });
        assert.equal(run.code, 0, run.stderr);
        assert.ok(run.stdout.includes('<redacted>'), run.stdout);
        for (const form of [secret, ...escaped, 'k3y']) assert.ok(!run.stdout.includes(form) && !run.stderr.includes(form), `${form} in ${format}`);
      });
    }
  });

  it('csv: writes ids exactly, and guards only free text against formulas', async () => {
    const item = {
      _id: '-1KTaBpziKuHvv6emiOT', actor: 'user', actor_id: '-a1', actor_name: '=HYPERLINK("http://x")', event: '@SUM(1)',
      event_timestamp: new Date(Date.now() - 3 * HOUR).toISOString(), event_description: '+cmd', event_title: 't',
    };
    emulator.faults.add({ vendor: 'zluri', times: 1, fault: { kind: 'raw-body', body: JSON.stringify({ count: 1, items: [item] }), contentType: 'application/json' } });
    try {
      const run = await runCli([...base('zluri'), '--since', '1d', '--format', 'csv'], credentialEnv('zluri'));
      assert.equal(run.code, 0, run.stderr);
      const row = run.stdout.split('\n').find((line) => line.includes('1KTaBpziKuHvv6emiOT')) ?? '';
      assert.match(row, /^[^,]+,zluri,-1KTaBpziKuHvv6emiOT,-a1,"'=HYPERLINK\(""http:\/\/x""\)",/);
      assert.ok(row.includes(",'@SUM(1),") && row.includes(",'+cmd,"), row);
    } finally {
      emulator.faults.clear();
    }
  });

  it('refuses a credential no HTTP header can carry, before any request, without echoing it', async () => {
    const cases: Array<[string, string, number]> = [
      ['emulator-zluri\u200b-api-key', 'U+200B', 15],
      ['emulator-zluri\n-api-key', 'U+000A', 15],
      ['  emulator-zluri-\u{1f511}-api-key', 'U+1F511', 18],
    ];
    for (const [token, name, position] of cases) {
      const before = emulator.requests.length;
      const run = await runCli([...base('zluri'), '--since', '1d'], { AUDIT_LENS_TOKEN: token });
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr, `audit-lens: zluri: AUDIT_LENS_TOKEN contains a character that cannot be sent in an HTTP header (${name} at position ${position}). `
        + 'Set AUDIT_LENS_TOKEN again to the credential alone, without line breaks or invisible characters.\n');
      assert.ok(!run.stderr.includes('api-key'));
      assert.equal(emulator.requests.length, before);
    }
    const appKey = await runCli([...base('axp'), '--since', '1d'], { ...credentialEnv('axp'), AUDIT_LENS_APP_KEY: 'app\tkey' });
    assert.equal(appKey.code, 2, appKey.stderr);
    assert.match(appKey.stderr, /^audit-lens: axp: AUDIT_LENS_APP_KEY contains a character that cannot be sent in an HTTP header \(U\+0009 at position 4\)/);
    // Another vendor's search sends no app key, so a stray one does not stop it.
    const stray = await runCli([...base('zluri'), '--since', '1d'], { ...credentialEnv('zluri'), AUDIT_LENS_APP_KEY: 'app\tkey' });
    assert.equal(stray.code, 0, stray.stderr);
  });

  it('blames the proxy, naming its variable, when it is not a URL or refuses the connection', async () => {
    const args = ['search', '--vendor', 'zluri', '--base-url', 'https://audit-lens.invalid/zluri', '--since', '1d'];
    const garbage = await runCli(args, { ...credentialEnv('zluri'), HTTPS_PROXY: 'garbage' });
    assert.equal(garbage.code, 2, garbage.stderr);
    assert.match(garbage.stderr, /^audit-lens: zluri: The proxy in HTTPS_PROXY is not a valid http:\/\/ or https:\/\/ URL\. /);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const refused = await runCli(args, { ...credentialEnv('zluri'), HTTPS_PROXY: `http://127.0.0.1:${port}` });
    assert.equal(refused.code, 4, refused.stderr);
    assert.match(refused.stderr, new RegExp(`^audit-lens: zluri: The proxy 127\\.0\\.0\\.1:${port} \\(from HTTPS_PROXY\\) refused the connection\\. Check HTTPS_PROXY`));
  });

  it('refuses a flag given twice instead of keeping the last value', async () => {
    const cases: Array<[string[], string]> = [
      [[...base('zluri'), '--query', 'status:failure', '--query', 'actor:bob'], 'audit-lens: zluri: --query given twice; give it once.\n'],
      [[...base('zluri'), '--status', 'failure', '--status', 'success'], 'audit-lens: zluri: --status given twice; give it once.\n'],
      [['search', '--vendor', 'zluri', '--vendor', 'perfecto', '--base-url', emulator.baseUrl('zluri')], 'audit-lens: --vendor given twice; give it once.\n'],
      [[...base('zluri'), '--since', '1d', '--since', '2d', '--since', '3d'], 'audit-lens: zluri: --since given 3 times; give it once.\n'],
    ];
    for (const [args, stderr] of cases) {
      const run = await runCli(args, credentialEnv('zluri'));
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr, stderr);
      assert.equal(run.stdout, '');
    }
  });

  it('words its advice for the command line: AUDIT_LENS_TOKEN and --base-url, not the connection', async () => {
    const refused = await runCli([...base('zluri'), '--since', '1d'], { AUDIT_LENS_TOKEN: 'wrong-zluri-key-0123' });
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, /^audit-lens: zluri: Zluri refused the credential \(401\)\.[^\n]* Set AUDIT_LENS_TOKEN to a valid credential \(see "audit-lens --help"\)\.\n$/);
    emulator.faults.add({ vendor: 'zluri', fault: { kind: 'redirect', location: 'https://login.example.com/zluri' } });
    try {
      const moved = await runCli([...base('zluri'), '--since', '1d'], credentialEnv('zluri'));
      assert.equal(moved.code, 4, moved.stderr);
      assert.match(moved.stderr, /redirect \(302\) to login\.example\.com\. Redirects are never followed, so nothing was sent there\. Give the final address as --base-url\.\n$/);
      assert.doesNotMatch(refused.stderr + moved.stderr, /this connection/);
    } finally {
      emulator.faults.clear();
    }
  });

  it('points at NODE_EXTRA_CA_CERTS, not the editor settings, for a certificate no CA vouches for', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-lens-cli-ca-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=audit-lens-test',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"message":"unknown key"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const args = ['search', '--vendor', 'zluri', '--base-url', `https://127.0.0.1:${(server.address() as AddressInfo).port}/zluri`, '--since', '1d'];
      const untrusted = await runCli(args, credentialEnv('zluri'));
      assert.equal(untrusted.code, 4, untrusted.stderr);
      assert.match(untrusted.stderr, /could not be verified \([A-Z_]+\)\. If a company proxy inspects TLS, set NODE_EXTRA_CA_CERTS to a file holding its CA certificate\.\n$/);
      // The advice works: with the certificate trusted, the server's own answer comes through.
      const trusted = await runCli(args, { ...credentialEnv('zluri'), NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem') });
      assert.equal(trusted.code, 3, trusted.stderr);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the version with --version, -v or version, and usage to stderr when nothing is asked', async () => {
    for (const flag of ['--version', '-v', 'version']) {
      const run = await runCli([flag]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, `${version}\n`);
    }
    const bare = await runCli([]);
    assert.equal(bare.code, 2);
    assert.equal(bare.stdout, '');
    assert.match(bare.stderr, /^Usage: audit-lens search /);
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit codes: 0 success, 2 usage error, 3 authentication or permission refused, 4 other failure,\n130 interrupted by Ctrl-C/);
  });

  it("refuses single quotes in --query, pointing at them, instead of searching for 'Delete", async () => {
    const run = await runCli([...base('zluri'), '--since', '1d', '--query', "action:'Delete User'"], credentialEnv('zluri'));
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^audit-lens: zluri: --query: Use double quotes: the ' at column 8 does not quote, e\.g\. action:"Delete User"\./);
  });

  it('refuses --account for a vendor without accounts', async () => {
    const run = await runCli([...base('zluri'), '--since', '1d', '--account', 'ASDJGE'], credentialEnv('zluri'));
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stderr, 'audit-lens: zluri: --account is the AXP account id; zluri has none, so leave it out.\n');
  });

  it('says "1 event", not "1 events", when a vendor reports one it did not send', async () => {
    emulator.faults.add({ vendor: 'zluri', fault: { kind: 'raw-body', body: JSON.stringify({ count: 1, items: [] }), contentType: 'application/json' } });
    try {
      const run = await runCli([...base('zluri'), '--since', '1d'], credentialEnv('zluri'));
      assert.match(run.stderr, /Zluri reported 1 event from \S+ to \S+ but sent 0: some may be missing\./);
    } finally {
      emulator.faults.clear();
    }
  });
});
