// A search never sends a credential the user removed: an open results panel stops once a
// connection of its search is removed, moved to another origin or its credential deleted
// (its rows stay). Surfsight email + password: a refused password is asked again, and a
// refused renewal offers Set Credential.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Connection } from '../../../src/core/model';
import { EMULATOR_CREDENTIALS, EMULATOR_SURFSIGHT_LOGIN } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { issueToken } from '../../../src/emulator/vendors/surfsight/tokens';
import type { ResultsPanel } from '../../../src/extension/panel/resultsPanel';
import type { HostMessage } from '../../../src/shared/protocol';
import { api, ScriptedPrompts, setUserConnections, waitFor, withPrompts, type Answer } from './extension-helpers';
import { addEmulatorConnection, closeAllEditors, lastStatus, newestPanel, removeEmulatorConnection, spyOnPanel, startRecorder } from './hardening-helpers';

const ZLURI = { id: 'life-zluri', label: 'Life Zluri' } as const;
const KEY = EMULATOR_CREDENTIALS.zluri.token;
const config = () => vscode.workspace.getConfiguration('auditLens');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Status = Extract<HostMessage, { type: 'status' }>['status'];

describe('credential lifecycle: an open search stops using a credential the user removed', () => {
  let emulator: Emulator;

  before(async () => {
    await config().update('maxEvents', 25, vscode.ConfigurationTarget.Global);
    const { services } = await api();
    await waitFor('maxEvents to apply', () => services.settings.value.maxEvents === 25);
  });

  after(() => config().update('maxEvents', undefined, vscode.ConfigurationTarget.Global));

  beforeEach(async () => {
    ({ emulator } = await addEmulatorConnection(ZLURI));
  });

  afterEach(() => removeEmulatorConnection(ZLURI.id, emulator));

  /** A 30-day search of the connection, paused after its first page (more to load). */
  async function pausedSearch(): Promise<{ panel: ResultsPanel; sent: HostMessage[]; paused: Status }> {
    await vscode.commands.executeCommand('auditLens.quickSearch', ZLURI.id, 'since:30d');
    const panel = await newestPanel();
    const { sent } = spyOnPanel(panel);
    panel.receive({ type: 'ready' }); // the status so far is posted again, whatever the real webview did first
    const paused = await waitFor('the pause', () => { const s = lastStatus(sent); return s?.phase === 'paused' ? s : undefined; }, 20_000);
    assert.ok(paused.more && paused.loaded > 0, 'paused with more to load');
    // A paused search fetches a few pages ahead; they are in before the test goes on.
    let count = -1;
    await waitFor('the pages fetched ahead', async () => {
      const settled = count === emulator.requests.length && emulator.openSockets === 0;
      count = emulator.requests.length;
      if (!settled) await sleep(300);
      return settled;
    });
    return { panel, sent, paused };
  }

  const stoppedStatus = (sent: HostMessage[]) => waitFor('the search to stop', () => {
    const s = lastStatus(sent);
    return s && s.phase !== 'running' && s.phase !== 'paused' ? s : undefined;
  });

  const keySentAfter = (from: number) => emulator.requests.slice(from).filter((r) => r.headers['api-key'] === KEY).length;

  it('Remove Connection: "Load more" fetches nothing; the search stops with a notice, its rows stay', async () => {
    const { panel, sent, paused } = await pausedSearch();
    const from = emulator.requests.length;
    await withPrompts([{ confirm: true }], () => vscode.commands.executeCommand('auditLens.removeConnection', ZLURI.id));
    panel.receive({ type: 'loadMore' });
    const stopped = await stoppedStatus(sent);
    assert.strictEqual(stopped.phase, 'cancelled');
    assert.strictEqual(stopped.loaded, paused.loaded, 'the rows already fetched stay');
    assert.strictEqual(stopped.more, false);
    assert.match(stopped.notices.join('\n'), /"Life Zluri" was removed, so this search stopped\. Search again/);
    await sleep(500);
    assert.strictEqual(keySentAfter(from), 0, 'the removed credential was not sent');
  });

  it('credential deleted: "Fetch all" fetches nothing and says to set it again', async () => {
    const { services } = await api();
    const { panel, sent, paused } = await pausedSearch();
    const from = emulator.requests.length;
    await services.credentials.delete(ZLURI.id);
    panel.receive({ type: 'fetchAll' });
    const stopped = await stoppedStatus(sent);
    assert.strictEqual(stopped.phase, 'cancelled');
    assert.strictEqual(stopped.loaded, paused.loaded);
    assert.match(stopped.notices.join('\n'), /The credential of "Life Zluri" was deleted, so this search stopped\. Set it again with "Audit Lens: Set Credential", then search again\./);
    await sleep(500);
    assert.strictEqual(emulator.requests.length, from, 'no request at all');
  });

  it('Edit Connection to another address: nothing more goes to the old address or the new one', async () => {
    const recorder = await startRecorder();
    try {
      const { panel, sent, paused } = await pausedSearch();
      const from = emulator.requests.length;
      const moved = await withPrompts([{ offer: undefined }], () => vscode.commands.executeCommand<boolean>('auditLens.editConnection', ZLURI.id, {
        label: ZLURI.label, address: recorder.url,
      }));
      assert.strictEqual(moved, true);
      panel.receive({ type: 'loadMore' });
      const stopped = await stoppedStatus(sent);
      assert.strictEqual(stopped.phase, 'cancelled');
      assert.strictEqual(stopped.loaded, paused.loaded);
      assert.match(stopped.notices.join('\n'), /"Life Zluri" now points at http:\/\/127\.0\.0\.1:\d+, so this search of http:\/\/127\.0\.0\.1:\d+ stopped\. Set its credential for the new address, then search again\./);
      await sleep(500);
      assert.strictEqual(emulator.requests.length, from, 'nothing more to the old address');
      assert.deepStrictEqual(recorder.requests, [], 'nothing to the new address');
    } finally {
      await recorder.close();
    }
  });

  it('credential deleted during "Fetch all": the request in flight is cancelled and the search stops at once', async () => {
    const { services } = await api();
    const { panel, sent, paused } = await pausedSearch();
    // Held long enough that only cancelling can end these requests before the checks below.
    emulator.faults.add({ fault: { kind: 'latency', ms: 12_000 }, vendor: 'zluri' });
    const from = emulator.requests.length;
    panel.receive({ type: 'fetchAll' });
    await waitFor('a request in flight', () => emulator.requests.length > from && emulator.openSockets > 0);
    let count = -1;
    await waitFor('the pages sent in parallel to be in', async () => {
      const settled = count === emulator.requests.length;
      count = emulator.requests.length;
      if (!settled) await sleep(300);
      return settled;
    });
    const inFlight = emulator.requests.length;
    await services.credentials.delete(ZLURI.id);
    const stopped = await waitFor('the stop', () => { const s = lastStatus(sent); return s?.phase === 'cancelled' ? s : undefined; }, 8000);
    assert.ok(stopped.loaded >= paused.loaded, 'the rows fetched before (pages fetched ahead included) stay');
    assert.strictEqual(stopped.more, false);
    assert.match(stopped.notices.join('\n'), /The credential of "Life Zluri" was deleted/);
    await waitFor('every socket to close', () => emulator.openSockets === 0, 3000);
    await sleep(500);
    assert.strictEqual(emulator.requests.length, inFlight, 'no request after the deletion');
  });

  it('Set Credential or a change to another connection leaves the search going', async () => {
    const { services } = await api();
    const { panel, sent, paused } = await pausedSearch();
    assert.strictEqual(await vscode.commands.executeCommand('auditLens.setCredential', { connectionId: ZLURI.id }, { token: KEY }), true);
    const existing = config().get<unknown[]>('connections') ?? [];
    await setUserConnections([...existing, { id: 'life-other', label: 'Other', vendor: 'zluri', baseUrl: 'https://other.example' }]);
    await waitFor('the other connection', () => services.connections.get('life-other'));
    panel.receive({ type: 'loadMore' });
    const next = await waitFor('more rows', () => { const s = lastStatus(sent); return s && s.loaded > paused.loaded && s.phase !== 'running' ? s : undefined; }, 20_000);
    assert.deepStrictEqual(next.notices, []);
    assert.deepStrictEqual(next.errors, []);
  });
});

/** Scripted answers that also keep every input box's options, to check what the box says. */
class RecordingPrompts extends ScriptedPrompts {
  readonly inputs: vscode.InputBoxOptions[] = [];

  override input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.inputs.push(options);
    return super.input(options);
  }
}

describe('credential lifecycle: Surfsight email and password', () => {
  let emulator: Emulator;
  const added: string[] = [];

  before(async () => {
    emulator = await startEmulator();
  });

  after(async () => {
    const { services } = await api();
    await closeAllEditors();
    for (const id of added) await services.credentials.delete(id);
    await setUserConnections([]);
    await emulator.close();
  });

  async function addWith(answers: Answer[], label: string): Promise<{ connection: Connection | undefined; prompts: RecordingPrompts }> {
    const { services } = await api();
    const prompts = new RecordingPrompts(answers);
    const previous = services.prompts.current;
    services.prompts.current = prompts;
    try {
      const connection = await vscode.commands.executeCommand<Connection | undefined>('auditLens.addConnection', {
        vendor: 'surfsight', label, address: emulator.baseUrl('surfsight'),
      });
      if (connection) added.push(connection.id);
      assert.strictEqual(prompts.remaining, 0, `unused answers; asked: ${prompts.asked.join('; ')}`);
      return { connection, prompts };
    } finally {
      services.prompts.current = previous;
    }
  }

  it('Add Connection: a refused sign-in asks the email (filled in) and the password again, and the wizard goes on', async () => {
    const { services } = await api();
    const { connection, prompts } = await addWith([
      { pick: 'Email and password' },
      { input: EMULATOR_SURFSIGHT_LOGIN.email },
      { input: 'not-the-password-4e1' },
      { input: EMULATOR_SURFSIGHT_LOGIN.email },
      { input: EMULATOR_SURFSIGHT_LOGIN.password },
    ], 'Fleet Retry');
    assert.ok(connection, 'the connection was added');
    assert.match(prompts.asked[3] ?? '', /^input: Surfsight refused the sign-in of demo@example\.com: check the email \(Escape cancels\)$/);
    assert.strictEqual(prompts.inputs[2]?.value, EMULATOR_SURFSIGHT_LOGIN.email, 'the email is filled in');
    assert.match(prompts.asked[4] ?? '', /^input: Then the password of demo@example\.com \(Escape cancels\)$/);
    for (const box of [prompts.inputs[1], prompts.inputs[3]]) {
      assert.strictEqual(box?.password, true);
      assert.match(box?.prompt ?? '', /Kept in the OS keychain so Audit Lens can renew the 24-hour token, until you remove the connection\./);
    }
    const stored = await services.credentials.read(connection.id);
    assert.strictEqual(stored?.login?.password, EMULATOR_SURFSIGHT_LOGIN.password);
    assert.ok(!prompts.asked.join('\n').includes('not-the-password-4e1'), 'no question repeats the password');
  });

  it('Add Connection: Escape after a refused password ends the wizard and stores nothing', async () => {
    const { services } = await api();
    const before = services.connections.all().length;
    const { connection, prompts } = await addWith([
      { confirm: true }, // "Fleet Retry" reads the same tenant
      { pick: 'Email and password' },
      { input: EMULATOR_SURFSIGHT_LOGIN.email },
      { input: 'not-the-password-4e1' },
      { input: undefined },
    ], 'Fleet Escape');
    assert.strictEqual(connection, undefined);
    assert.match(prompts.asked.at(-1) ?? '', /Surfsight refused the sign-in/);
    assert.strictEqual(services.connections.all().length, before);
  });

  it('Add Connection: gives up after three refused sign-ins (an account may lock), storing nothing', async () => {
    const { services } = await api();
    const before = services.connections.all().length;
    const signIns = () => emulator.requests.filter((r) => r.path === '/v2/authenticate').length;
    const signedIn = signIns();
    const wrong = Array.from({ length: 3 }, () => [{ input: EMULATOR_SURFSIGHT_LOGIN.email }, { input: 'not-the-password-4e1' }]).flat();
    const { connection } = await addWith([{ confirm: true }, { pick: 'Email and password' }, ...wrong], 'Fleet Locked');
    assert.strictEqual(connection, undefined);
    assert.strictEqual(signIns() - signedIn, 3);
    assert.strictEqual(services.connections.all().length, before);
  });

  it('a renewal refused when a search starts offers Set Credential, naming the connection', async () => {
    const { services } = await api();
    const existing = config().get<unknown[]>('connections') ?? [];
    await setUserConnections([...existing, { id: 'fleet-expired', label: 'Fleet Expired', vendor: 'surfsight', baseUrl: emulator.baseUrl('surfsight') }]);
    const connection = await waitFor('the connection', () => services.connections.get('fleet-expired'));
    added.push(connection.id);
    await services.credentials.write(connection, {
      token: 'expired-token', login: { email: EMULATOR_SURFSIGHT_LOGIN.email, password: 'changed-password-8d2' }, expiresAt: Date.now() - 1000,
    });
    await withPrompts([{ offer: undefined }], async (prompts) => {
      await vscode.commands.executeCommand('auditLens.quickSearch', connection.id, 'since:1d');
      await waitFor('the offer', () => prompts.asked.length === 1);
      assert.match(prompts.asked[0] ?? '', /^offer: The credential of "Fleet Expired" was refused: Surfsight refused the email and password\..* Set a new one\? \[Set Credential\]$/);
      assert.ok(!prompts.asked[0]?.includes('changed-password-8d2'));
    });
    assert.strictEqual((await services.credentials.read(connection.id))?.token, 'expired-token', 'the refused login is left for the user to replace');
  });

  it('a connection moved to another address while a new search signs in: the search never starts, and says why', async () => {
    const { services } = await api();
    const existing = config().get<unknown[]>('connections') ?? [];
    await setUserConnections([...existing, { id: 'fleet-moving', label: 'Fleet Moving', vendor: 'surfsight', baseUrl: emulator.baseUrl('surfsight') }]);
    const connection = await waitFor('the connection', () => services.connections.get('fleet-moving'));
    added.push(connection.id);
    await services.credentials.write(connection, { token: 'expired-token', login: { ...EMULATOR_SURFSIGHT_LOGIN }, expiresAt: Date.now() - 1000 });
    const signIns = () => emulator.requests.filter((r) => r.path === '/v2/authenticate').length;
    const audits = () => emulator.requests.filter((r) => r.path.includes('audit-logs')).length;
    const [signedIn, audited] = [signIns(), audits()];
    emulator.faults.add({ vendor: 'surfsight', times: 1, fault: { kind: 'latency', ms: 10_000 } }); // the sign-in, held past the edit
    await vscode.commands.executeCommand('auditLens.quickSearch', connection.id, 'since:1d');
    const panel = await newestPanel();
    const { sent } = spyOnPanel(panel);
    await waitFor('the sign-in to be under way', () => signIns() > signedIn);
    const recorder = await startRecorder();
    try {
      await withPrompts([{ offer: undefined }], () => vscode.commands.executeCommand('auditLens.editConnection', connection.id, { label: connection.label, address: recorder.url }));
      const stopped = await waitFor('the search to stop', () => { const status = lastStatus(sent); return status?.phase === 'cancelled' ? status : undefined; });
      assert.match(stopped.notices.join('\n'), /"Fleet Moving" now points at http:\/\/127\.0\.0\.1:\d+, so this search of http:\/\/127\.0\.0\.1:\d+ stopped/);
      assert.strictEqual(audits(), audited, 'no page was asked for at the old address');
      assert.deepStrictEqual(recorder.requests, [], 'nothing went to the new address');
    } finally {
      await recorder.close();
    }
  });
});

describe('credential lifecycle: a credential refused mid-search is renewed or replaced, and the search goes on', () => {
  let emulator: Emulator;
  let connection: Connection;
  const FLEET = { id: 'life-fleet', label: 'Life Fleet', vendor: 'surfsight' } as const;
  const REFUSED = { kind: 'status', status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Token expired' } } as const;

  before(async () => {
    const { services } = await api();
    await config().update('maxEvents', 25, vscode.ConfigurationTarget.Global);
    await config().update('pageSize', { surfsight: 10 }, vscode.ConfigurationTarget.Global);
    await waitFor('the settings', () => services.settings.value.maxEvents === 25 && services.settings.value.pageSize.surfsight === 10);
    emulator = await startEmulator();
    await setUserConnections([{ ...FLEET, baseUrl: emulator.baseUrl('surfsight') }]);
    connection = await waitFor('the connection', () => services.connections.get(FLEET.id));
  });

  after(async () => {
    const { services } = await api();
    await closeAllEditors();
    await services.credentials.delete(FLEET.id);
    await setUserConnections([]);
    for (const key of ['maxEvents', 'pageSize']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await emulator.close();
  });

  afterEach(() => emulator.faults.clear());

  /** Pauses a 30-day search, refuses its next page once, fetches all: the end status and the requests sent after the pause. */
  async function refusedOnceThenFetchAll(between: () => Promise<void> = async () => undefined) {
    await vscode.commands.executeCommand('auditLens.quickSearch', FLEET.id, 'since:30d');
    const panel = await newestPanel();
    const { sent } = spyOnPanel(panel);
    panel.receive({ type: 'ready' });
    await waitFor('the pause', () => lastStatus(sent)?.phase === 'paused', 20_000);
    await between();
    const from = emulator.requests.length;
    emulator.faults.add({ fault: REFUSED, vendor: 'surfsight', times: 1 });
    panel.receive({ type: 'fetchAll' });
    const end = await waitFor('the end', () => { const s = lastStatus(sent); return s && s.phase !== 'running' && s.phase !== 'paused' ? s : undefined; }, 30_000);
    return { end, after: emulator.requests.slice(from) };
  }

  it('a Surfsight login token refused part-way is renewed (one sign-in) and the page sent again', async () => {
    const { services } = await api();
    const first = issueToken(Date.now() - 60_000);
    await services.credentials.write(connection, { token: first, login: { ...EMULATOR_SURFSIGHT_LOGIN }, expiresAt: Date.now() + 20 * 3_600_000 });
    const { end, after } = await refusedOnceThenFetchAll();
    assert.deepStrictEqual(end.errors, []);
    assert.strictEqual(end.phase, 'done');
    assert.strictEqual(end.complete, true);
    assert.strictEqual(after.filter((r) => r.path === '/v2/authenticate').length, 1, 'one sign-in');
    const renewed = (await services.credentials.read(FLEET.id))?.token;
    assert.ok(renewed && renewed !== first, 'the renewed token is stored');
    assert.strictEqual(after.at(-1)?.headers.authorization, `Bearer ${renewed}`, 'the search goes on with it');
  });

  it('a credential replaced with Set Credential while paused is taken up when the vendor refuses the old one', async () => {
    const { services } = await api();
    const old = EMULATOR_CREDENTIALS.surfsight.token;
    const replacement = issueToken(Date.now() - 120_000);
    await services.credentials.write(connection, { token: old });
    const { end, after } = await refusedOnceThenFetchAll(async () => {
      assert.strictEqual(await vscode.commands.executeCommand('auditLens.setCredential', { connectionId: FLEET.id }, { token: replacement }), true);
    });
    assert.deepStrictEqual(end.errors, []);
    assert.strictEqual(end.phase, 'done');
    assert.deepStrictEqual(end.notices, []);
    assert.strictEqual(after.filter((r) => r.path === '/v2/authenticate').length, 0, 'a bearer token is not signed in for');
    assert.ok(after.some((r) => r.headers.authorization === `Bearer ${replacement}`), 'the replacement was sent');
    assert.strictEqual(after.at(-1)?.headers.authorization, `Bearer ${replacement}`);
  });
});
