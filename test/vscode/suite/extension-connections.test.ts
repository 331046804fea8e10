import * as assert from 'assert';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS, EMULATOR_SURFSIGHT_LOGIN } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import type { Connection } from '../../../src/core/model';
import { api, setUserConnections, waitFor, withPrompts } from './extension-helpers';
import { logText } from './hardening-helpers';

describe('extension: connections and SecretStorage', () => {
  let emulator: Emulator;
  let other: Emulator;

  before(async () => {
    emulator = await startEmulator();
    other = await startEmulator();
  });

  after(async () => {
    await setUserConnections([]);
    await Promise.all([emulator.close(), other.close()]);
  });

  it('adds a connection step by step: cleans the pasted credential, tests it, stores it bound to its origin', async () => {
    const { services } = await api();
    const connection = await withPrompts([
      { pick: 'Zluri' },
      { input: emulator.baseUrl('zluri') },
      { input: 'Team Zluri' },
      { input: `  Bearer ${EMULATOR_CREDENTIALS.zluri.token}\n` },
    ], () => vscode.commands.executeCommand<Connection | undefined>('auditLens.addConnection'));
    assert.ok(connection, 'the command returned no connection');
    assert.strictEqual(connection.id, 'team-zluri');
    const stored = await services.credentials.read('team-zluri');
    assert.deepStrictEqual(stored, { token: EMULATOR_CREDENTIALS.zluri.token, origin: emulator.origin });
    const inspected = vscode.workspace.getConfiguration('auditLens').inspect<Array<Record<string, unknown>>>('connections');
    assert.deepStrictEqual(inspected?.globalValue?.map((c) => c.id), ['team-zluri']);
    assert.ok(!JSON.stringify(inspected?.globalValue).includes(EMULATOR_CREDENTIALS.zluri.token), 'the setting must not hold the credential');
    assert.ok(emulator.requests.some((r) => r.vendor === 'zluri'), 'the test request reached the vendor');
  });

  it('tests a connection with one request, though the vendor lists the day oldest first over many pages', async () => {
    const sent = emulator.requests.length;
    const outcome = await vscode.commands.executeCommand<{ ok: boolean; events?: number; sample?: string }>('auditLens.testConnection', 'team-zluri');
    assert.strictEqual(outcome?.ok, true);
    assert.ok((outcome.events ?? 0) > 0 && outcome.sample, 'the emulator has Zluri events in the last 24 hours');
    assert.strictEqual(emulator.requests.length - sent, 1, 'one page was enough to show the vendor accepts the credential');
  });

  it('asks before adding a second connection to a tenant already connected, and adds nothing when declined', async () => {
    const { services } = await api();
    let asked = '';
    const connection = await withPrompts([
      { pick: 'Zluri' },
      { input: `${emulator.baseUrl('zluri')}/` },
      { confirm: false },
    ], async (prompts) => {
      const result = await vscode.commands.executeCommand<Connection | undefined>('auditLens.addConnection');
      asked = prompts.asked.join('; ');
      return result;
    });
    assert.strictEqual(connection, undefined);
    assert.match(asked, /confirm: "Team Zluri" already connects to this Zluri tenant/);
    assert.deepStrictEqual(services.connections.all().map((c) => c.id), ['team-zluri']);
  });

  it('refuses to send a credential to another origin once the base URL moves, and says why', async () => {
    const { services } = await api();
    const before = other.requests.length;
    await setUserConnections([{ id: 'team-zluri', label: 'Team Zluri', vendor: 'zluri', baseUrl: other.baseUrl('zluri') }]);
    await waitFor('the moved connection', () => services.connections.get('team-zluri')?.baseUrl === other.baseUrl('zluri'));
    await assert.rejects(services.backend.resolve(['team-zluri']), (error: Error) => {
      assert.match(error.message, /Refusing to send the credential of "Team Zluri" to http:\/\/127\.0\.0\.1:\d+: it was entered for/);
      assert.ok(!error.message.includes(EMULATOR_CREDENTIALS.zluri.token));
      return true;
    });
    const state = await services.status.stateOf(services.connections.get('team-zluri') as Connection);
    assert.strictEqual(state.kind, 'error');
    assert.strictEqual(other.requests.length, before, 'nothing may reach the new origin');
  });

  it('replaces the credential for the new origin with Set Credential', async () => {
    const { services } = await api();
    const ok = await withPrompts([{ input: EMULATOR_CREDENTIALS.zluri.token }], () =>
      vscode.commands.executeCommand<boolean>('auditLens.setCredential', { connectionId: 'team-zluri' }));
    assert.strictEqual(ok, true);
    const [target] = (await services.backend.resolve(['team-zluri'])).targets;
    assert.strictEqual(target?.credentials.token, EMULATOR_CREDENTIALS.zluri.token);
    assert.strictEqual((await services.credentials.read('team-zluri'))?.origin, other.origin);
  });

  it('reports a refused credential from the test request', async () => {
    const { services } = await api();
    await services.credentials.write(services.connections.get('team-zluri') as Connection, { token: 'wrong-key' });
    const outcome = await vscode.commands.executeCommand<{ ok: boolean; error?: { reason: string } }>('auditLens.testConnection', 'team-zluri');
    assert.strictEqual(outcome?.ok, false);
    assert.strictEqual(outcome?.error?.reason, 'auth');
  });

  it('never reads connection definitions from workspace settings', async () => {
    const { services } = await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    const settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({
      'auditLens.connections': [{ id: 'evil', label: 'Evil', vendor: 'zluri', baseUrl: 'https://attacker.example' }],
    })));
    try {
      await new Promise((r) => setTimeout(r, 1500));
      assert.strictEqual(services.connections.get('evil'), undefined);
      assert.ok(services.connections.get('team-zluri'));
    } finally {
      await vscode.workspace.fs.delete(settingsFile);
    }
  });

  it('logs in to Surfsight with email and password and renews the token when it expires', async () => {
    const { services } = await api();
    const connection = await withPrompts([
      { pick: 'Email and password' },
      { input: EMULATOR_SURFSIGHT_LOGIN.email },
      { input: EMULATOR_SURFSIGHT_LOGIN.password },
    ], () => vscode.commands.executeCommand<Connection | undefined>('auditLens.addConnection', {
      vendor: 'surfsight', label: 'Fleet', address: emulator.baseUrl('surfsight'),
    }));
    assert.ok(connection);
    const stored = await services.credentials.read(connection.id);
    assert.ok(stored?.login && stored.expiresAt, 'the login is kept for renewal');
    assert.ok(stored.expiresAt > Date.now() + 23 * 3_600_000);
    const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('auditLens.testConnection', connection.id);
    assert.strictEqual(outcome?.ok, true);
    const logins = () => emulator.requests.filter((r) => r.path === '/v2/authenticate').length;
    const before = logins();
    await services.credentials.write(connection, { ...stored, token: 'expired-token', expiresAt: Date.now() - 1000 });
    const renewed = await services.resolver.resolve(connection);
    assert.notStrictEqual(renewed.token, 'expired-token');
    assert.strictEqual(logins(), before + 1);
    assert.ok(((await services.credentials.read(connection.id))?.expiresAt ?? 0) > Date.now());
  });

  it('edits a connection: a new label keeps the credential; a new origin withholds it until it is set again', async () => {
    const { services } = await api();
    const stored = await services.credentials.read('team-zluri');
    assert.ok(stored, 'an earlier test stored a credential for team-zluri');
    const renamed = await withPrompts([], () => vscode.commands.executeCommand<boolean>('auditLens.editConnection', 'team-zluri', {
      label: 'Team Zluri EU', address: other.baseUrl('zluri'),
    }));
    assert.strictEqual(renamed, true);
    assert.strictEqual(services.connections.get('team-zluri')?.label, 'Team Zluri EU');
    const [target] = (await services.backend.resolve(['team-zluri'])).targets;
    assert.strictEqual(target?.credentials.token, stored.token);

    const before = emulator.requests.length;
    const moved = await withPrompts([{ offer: undefined }], () => vscode.commands.executeCommand<boolean>('auditLens.editConnection', 'team-zluri', {
      label: 'Team Zluri EU', address: emulator.baseUrl('zluri'),
    }));
    assert.strictEqual(moved, true);
    await assert.rejects(services.backend.resolve(['team-zluri']), /Refusing to send the credential of "Team Zluri EU"/);
    assert.strictEqual(emulator.requests.length, before, 'the credential must not reach the new origin');
  });

  it('edits an AXP account id only to a valid one: emptied or malformed, the connection stays as it was', async () => {
    const { services } = await api();
    const existing = vscode.workspace.getConfiguration('auditLens').get<unknown[]>('connections') ?? [];
    const axp = { id: 'team-axp', label: 'Team AXP', vendor: 'axp', baseUrl: emulator.baseUrl('axp'), accountId: 'ABC123' };
    await setUserConnections([...existing, axp]);
    try {
      await waitFor('the AXP connection', () => services.connections.get('team-axp'));
      const emptied = await withPrompts([], () => vscode.commands.executeCommand<boolean>('auditLens.editConnection', 'team-axp', {
        label: 'Team AXP', address: axp.baseUrl, accountId: '  ',
      }));
      assert.notStrictEqual(emptied, true);
      assert.strictEqual(services.connections.get('team-axp')?.accountId, 'ABC123');
      const malformed = await withPrompts([{ input: 'Team AXP' }, { input: axp.baseUrl }, { input: 'bad id!' }], () => vscode.commands.executeCommand('auditLens.editConnection', 'team-axp'));
      assert.strictEqual(malformed, undefined);
      // The input box itself refused it, in the adapter's words.
      assert.match(await logText(/input "bad id!" was refused/), /input "bad id!" was refused: AXP account id "bad id!" is not valid/);
      assert.strictEqual(services.connections.get('team-axp')?.accountId, 'ABC123');
    } finally {
      await setUserConnections(existing);
    }
  });

  it('refreshes the tree from a workspace file changed on disk', async () => {
    const { services } = await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'audit-lens.json');
    const previous = await vscode.workspace.fs.readFile(file).then((b) => b, () => undefined);
    const names = (): string[] => {
      const state = services.savedSearches.store('workspace').state();
      return state.kind === 'ok' ? state.searches.map((search) => search.name) : [`(${state.kind})`];
    };
    try {
      await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify({ version: 1, searches: [{ name: 'Refreshed search', connection: 'all', query: 'since:1h' }] })));
      await vscode.commands.executeCommand('auditLens.refresh');
      assert.ok(names().includes('Refreshed search'), names().join(', '));
    } finally {
      if (previous) await vscode.workspace.fs.writeFile(file, previous);
      else await vscode.workspace.fs.delete(file);
      await vscode.commands.executeCommand('auditLens.refresh');
    }
  });

  it('keeps entries of the setting it cannot read: a new connection takes none of their ids, and a removal only its own entry', async () => {
    const { services } = await api();
    const existing = vscode.workspace.getConfiguration('auditLens').get<unknown[]>('connections') ?? [];
    const broken = { id: 'staging-zluri', label: 'Staging', vendor: 'zluri', baseUrl: 'api-ext.zluri.com' };
    const prod = { id: 'zluri', label: 'Prod', vendor: 'zluri', baseUrl: other.baseUrl('zluri') };
    const hidden = { id: 'zluri', label: 'Staging twin', vendor: 'zluri', baseUrl: 'https://staging.example.com' };
    const stored = (): unknown[] | undefined => vscode.workspace.getConfiguration('auditLens').inspect<unknown[]>('connections')?.globalValue;
    try {
      await setUserConnections([broken, prod, hidden]);
      await waitFor('the readable entry', () => services.connections.get('zluri'));
      const added = await withPrompts([
        { pick: 'Zluri' },
        { input: emulator.baseUrl('zluri') },
        { input: 'Staging Zluri' },
        { input: EMULATOR_CREDENTIALS.zluri.token },
      ], () => vscode.commands.executeCommand<Connection | undefined>('auditLens.addConnection'));
      assert.strictEqual(added?.id, 'staging-zluri-2');
      assert.deepStrictEqual(stored()?.slice(0, 3), [broken, prod, hidden], 'the unreadable entries are kept as they were');
      const removed = await withPrompts([{ confirm: true }], () => vscode.commands.executeCommand<boolean>('auditLens.removeConnection', 'zluri'));
      assert.strictEqual(removed, true);
      assert.deepStrictEqual(stored()?.map((c) => (c as { label: string }).label), ['Staging', 'Staging twin', 'Staging Zluri']);
    } finally {
      await services.credentials.delete('staging-zluri-2');
      await setUserConnections(existing);
    }
  });

  it('asks before pointing a connection at a tenant another connection reads, and leaves it as it was when declined', async () => {
    const { services } = await api();
    const existing = vscode.workspace.getConfiguration('auditLens').get<unknown[]>('connections') ?? [];
    const first = { id: 'zluri-a', label: 'Zluri A', vendor: 'zluri', baseUrl: emulator.baseUrl('zluri') };
    const second = { id: 'zluri-b', label: 'Zluri B', vendor: 'zluri', baseUrl: other.baseUrl('zluri') };
    try {
      await setUserConnections([first, second]);
      await waitFor('both connections', () => services.connections.get('zluri-b'));
      let asked = '';
      const edited = await withPrompts([{ confirm: false }], async (prompts) => {
        const result = await vscode.commands.executeCommand<boolean>('auditLens.editConnection', 'zluri-b', { label: 'Zluri B', address: first.baseUrl });
        asked = prompts.asked.join('; ');
        return result;
      });
      assert.strictEqual(edited, false);
      assert.match(asked, /confirm: "Zluri A" already connects to this Zluri tenant/);
      assert.strictEqual(services.connections.get('zluri-b')?.baseUrl, second.baseUrl);
    } finally {
      await setUserConnections(existing);
    }
  });

  it('refuses to add to a setting that is not a list, and leaves it as the user wrote it', async () => {
    const existing = vscode.workspace.getConfiguration('auditLens').get<unknown[]>('connections') ?? [];
    const single = { id: 'solo', label: 'Solo', vendor: 'zluri', baseUrl: emulator.baseUrl('zluri') };
    await vscode.workspace.getConfiguration('auditLens').update('connections', single, vscode.ConfigurationTarget.Global);
    try {
      const added = await withPrompts([], () => vscode.commands.executeCommand<Connection | undefined>('auditLens.addConnection', { vendor: 'zluri' }));
      assert.strictEqual(added, undefined);
      assert.match(await logText(/is not a list/), /"auditLens\.connections" in your user settings is not a list, so it was left as it is/);
      assert.deepStrictEqual(vscode.workspace.getConfiguration('auditLens').inspect('connections')?.globalValue, single);
    } finally {
      await setUserConnections(existing);
    }
  });

  it('saves a typed address in the form settings read back: an uppercase scheme and a bare "/?" keep the connection', async () => {
    const { services } = await api();
    const existing = vscode.workspace.getConfiguration('auditLens').get<unknown[]>('connections') ?? [];
    try {
      await setUserConnections([]);
      const added = await withPrompts([
        { pick: 'Zluri' },
        { input: `${other.baseUrl('zluri').replace(/^http:/, 'HTTP:')}/?` },
        { input: 'Loud Zluri' },
        { input: EMULATOR_CREDENTIALS.zluri.token },
      ], () => vscode.commands.executeCommand<Connection | undefined>('auditLens.addConnection'));
      assert.strictEqual(added?.baseUrl, other.baseUrl('zluri'));
      const stored = vscode.workspace.getConfiguration('auditLens').inspect<Array<Record<string, unknown>>>('connections')?.globalValue;
      assert.deepStrictEqual(stored?.map((c) => c.baseUrl), [other.baseUrl('zluri')]);
      const reread = await waitFor('the saved connection, read back from settings', () => services.connections.get('loud-zluri'));
      assert.strictEqual(reread.baseUrl, other.baseUrl('zluri'));
      assert.strictEqual((await services.credentials.read('loud-zluri'))?.origin, other.origin);
      const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('auditLens.testConnection', 'loud-zluri');
      assert.strictEqual(outcome?.ok, true);
    } finally {
      await services.credentials.delete('loud-zluri');
      await setUserConnections(existing);
    }
  });

  it('removes a connection and its secret after confirmation', async () => {
    const { services } = await api();
    const declined = await withPrompts([{ confirm: false }], () => vscode.commands.executeCommand<boolean>('auditLens.removeConnection', 'fleet'));
    assert.strictEqual(declined, false);
    assert.ok(services.connections.get('fleet'));
    const removed = await withPrompts([{ confirm: true }], () => vscode.commands.executeCommand<boolean>('auditLens.removeConnection', 'fleet'));
    assert.strictEqual(removed, true);
    assert.strictEqual(services.connections.get('fleet'), undefined);
    assert.strictEqual(await services.credentials.read('fleet'), undefined);
  });
});
