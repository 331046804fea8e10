// Reliability rows 12 and 13: a hostile or broken workspace. Workspace settings and
// `.vscode/audit-lens.json` must never move a credential to a new host, and the shared
// file must never be overwritten, truncated or lose a concurrent change.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Connection } from '../../../src/core/model';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import type { TreeNode } from '../../../src/extension/tree/treeNodes';
import { api, setUserConnections, waitFor } from './extension-helpers';
import { closeAllEditors, lastStatus, logText, newestPanel, spyOnPanel, startRecorder } from './hardening-helpers';

const CONNECTION = { id: 'ws-zluri', label: 'WS Zluri', vendor: 'zluri' } as const;

function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, '.vscode', ...parts);
}

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
}

async function readText(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

describe('hardening: a malicious or broken workspace (rows 12, 13)', () => {
  let emulator: Emulator;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  const fileUri = () => workspaceUri('audit-lens.json');

  before(async () => {
    const { services } = await api();
    emulator = await startEmulator();
    recorder = await startRecorder();
    await setUserConnections([{ ...CONNECTION, baseUrl: emulator.baseUrl('zluri') }]);
    const connection = await waitFor('the connection', () => services.connections.get(CONNECTION.id));
    await services.credentials.write(connection, { token: EMULATOR_CREDENTIALS.zluri.token });
  });

  after(async () => {
    const { services } = await api();
    await closeAllEditors();
    await services.credentials.delete(CONNECTION.id);
    await setUserConnections([]);
    for (const uri of [fileUri(), workspaceUri('settings.json')]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await Promise.all([emulator.close(), recorder.close()]);
  });

  it('12: workspace settings that name a host, a proxy, a CA file or hostile sizes are not obeyed; nothing reaches the new host', async () => {
    const { services } = await api();
    const hostileCa = workspaceUri('evil-ca.pem');
    await writeText(hostileCa, '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n');
    await writeText(workspaceUri('settings.json'), JSON.stringify({
      'auditLens.connections': [{ ...CONNECTION, baseUrl: `${recorder.url}/zluri` }, { id: 'evil', label: 'Evil', vendor: 'zluri', baseUrl: recorder.url }],
      'auditLens.proxy': recorder.url,
      'auditLens.extraCaFile': hostileCa.fsPath,
      'auditLens.pageSize': { zluri: 1e12 },
      'auditLens.maxEvents': 'all of them',
      'auditLens.requestTimeoutSeconds': -1,
      'auditLens.defaultTimeRange': `${'<script>'.repeat(5000)}`,
    }));
    await logText('auditLens.pageSize.zluri:');
    assert.strictEqual(services.connections.get(CONNECTION.id)?.baseUrl, emulator.baseUrl('zluri'), 'the URL did not move');
    assert.strictEqual(services.connections.get('evil'), undefined, 'no connection from the workspace');
    assert.deepStrictEqual(
      { proxy: services.settings.value.proxy, ca: services.settings.value.extraCaFile, pageSize: services.settings.value.pageSize, maxEvents: services.settings.value.maxEvents, timeout: services.settings.value.requestTimeoutSeconds },
      { proxy: '', ca: '', pageSize: {}, maxEvents: 5000, timeout: 30 },
    );
    const log = await logText();
    for (const name of ['auditLens.pageSize.zluri', 'auditLens.maxEvents', 'auditLens.requestTimeoutSeconds', 'auditLens.defaultTimeRange']) {
      assert.ok(log.includes(`${name}:`), `${name} reported as invalid`);
    }
    assert.ok(!log.includes('<script>'.repeat(20)), 'a huge value is not echoed into the log');

    const before = emulator.requests.length;
    const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('auditLens.testConnection', CONNECTION.id);
    assert.strictEqual(outcome?.ok, true);
    await vscode.commands.executeCommand('auditLens.quickSearch', CONNECTION.id, 'since:7d');
    const { sent } = spyOnPanel(await newestPanel());
    await waitFor('the search to end', () => ['done', 'paused'].includes(lastStatus(sent)?.phase ?? ''), 20_000);
    const sentToVendor = emulator.requests.slice(before);
    assert.ok(sentToVendor.length >= 2, 'the test and the search went to the user\'s own URL');
    for (const request of sentToVendor) assert.ok(Number(request.query.page_size ?? 0) <= 100, 'the hostile page size was not used');
    assert.deepStrictEqual(recorder.requests, [], 'no request, and so no credential, reached the workspace\'s host');
    await vscode.workspace.fs.delete(workspaceUri('settings.json'));
    await vscode.workspace.fs.delete(hostileCa);
  });

  it('12: a shared file that names a host, a credential or huge values is shown as invalid and runs nothing', async () => {
    const { services } = await api();
    const hostile = [
      { version: 1, searches: [{ name: 'Steal', connection: 'all', query: 'since:1d', baseUrl: recorder.url }] },
      { version: 1, searches: [{ name: 'Steal', connection: 'all', query: 'since:1d', token: 'x', headers: { host: recorder.url } }] },
      { version: 1, searches: [{ name: 'x'.repeat(100_000), connection: 'all', query: 'since:1d' }] },
      { version: 1, searches: [{ name: 'Big', connection: 'all', query: 'since:1d', columns: ['time', '<script>'] }] },
    ];
    const texts = [...hostile.map((file) => JSON.stringify(file)), '{"version":1,"searches":[],"__proto__":{"polluted":true}}'];
    for (const text of texts) {
      await writeText(fileUri(), text);
      await waitFor('the file to be shown as invalid', () => services.savedSearches.store('workspace').state().kind === 'broken');
      const roots = await services.tree.getChildren();
      const group = roots.find((n) => n.kind === 'group' && n.group === 'workspace') as TreeNode;
      const [node] = await services.tree.getChildren(group);
      assert.strictEqual(node?.kind, 'message');
      assert.match(String(services.tree.getTreeItem(node as TreeNode).label), /audit-lens\.json has an error/);
      assert.strictEqual(await readText(fileUri()), text, 'the file is left as it was');
      await writeText(fileUri(), '');
      await waitFor('the file to be read as empty', () => services.savedSearches.store('workspace').state().kind === 'ok');
    }
    assert.strictEqual(({} as { polluted?: boolean }).polluted, undefined, 'no prototype was polluted');

    // Valid shape, but it names a host where a connection belongs: it finds no connection and sends nothing.
    await writeText(fileUri(), JSON.stringify({ version: 1, searches: [{ name: 'Host', connection: `${recorder.url}/zluri`, query: 'since:1d' }] }));
    await waitFor('the search to appear', () => { const s = services.savedSearches.store('workspace').state(); return s.kind === 'ok' && s.searches.length === 1; });
    await vscode.commands.executeCommand('auditLens.runSavedSearch', { store: 'workspace', name: 'Host' });
    const { sent } = spyOnPanel(await newestPanel());
    const error = await waitFor('the refusal', () => sent.find((m) => m.type === 'queryError'));
    assert.match(error.type === 'queryError' ? error.message : '', /There is no connection "http:\/\/127\.0\.0\.1:\d+\/zluri"/);
    assert.deepStrictEqual(recorder.requests, []);
  });

  it('13: concurrent changes are written one at a time, atomically: none lost, never a torn file, no temp files left', async () => {
    const { services } = await api();
    await writeText(fileUri(), JSON.stringify({ version: 1, searches: [] }));
    await waitFor('an empty file', () => { const s = services.savedSearches.store('workspace').state(); return s.kind === 'ok' && s.searches.length === 0; });
    const torn: string[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const text = fs.readFileSync(fileUri().fsPath, 'utf8');
        try {
          JSON.parse(text);
        } catch {
          torn.push(text);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const names = Array.from({ length: 20 }, (_, i) => `Concurrent ${i}`);
    await Promise.all(names.map((name) => services.savedSearches.add('workspace', { name, connection: 'all', query: 'since:1d' })));
    reading = false;
    await reader;
    const onDisk = JSON.parse(await readText(fileUri())) as { searches: { name: string }[] };
    assert.deepStrictEqual(onDisk.searches.map((s) => s.name).sort(), [...names].sort(), 'every concurrent change is kept');
    assert.deepStrictEqual(torn, [], 'a reader never saw a partial file');
    const leftovers = (await vscode.workspace.fs.readDirectory(workspaceUri())).filter(([name]) => name.endsWith('.tmp'));
    assert.deepStrictEqual(leftovers, []);
  });

  it('13: an edit made outside (another window) is picked up and kept by the next change', async () => {
    const { services } = await api();
    const current = JSON.parse(await readText(fileUri())) as { version: 1; searches: unknown[] };
    fs.writeFileSync(fileUri().fsPath, JSON.stringify({ ...current, searches: [...current.searches, { name: 'From another window', connection: 'all', query: 'since:2d' }] }));
    // No wait for the watcher: the change re-reads the file first.
    await services.savedSearches.add('workspace', { name: 'From this window', connection: 'all', query: 'since:3d' });
    const names = (JSON.parse(await readText(fileUri())) as { searches: { name: string }[] }).searches.map((s) => s.name);
    assert.ok(names.includes('From another window') && names.includes('From this window'), names.join(', '));
    fs.writeFileSync(fileUri().fsPath, JSON.stringify({ version: 1, searches: [{ name: 'Only this', connection: 'all', query: '' }] }));
    await waitFor('the watcher to pick up the edit', () => {
      const state = services.savedSearches.store('workspace').state();
      return state.kind === 'ok' && state.searches.length === 1 && state.searches[0]?.name === 'Only this';
    });
  });

  it('13: unsaved edits to the file in an editor are never written under: the change is refused until they are saved or reverted', async () => {
    const { services } = await api();
    await writeText(fileUri(), JSON.stringify({ version: 1, searches: [{ name: 'Saved before', connection: 'all', query: '' }] }));
    await services.savedSearches.store('workspace').reload();
    const before = await readText(fileUri());
    const document = await vscode.workspace.openTextDocument(fileUri());
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), ' '));
    assert.ok(document.isDirty);
    await assert.rejects(
      services.savedSearches.add('workspace', { name: 'While dirty', connection: 'all', query: '' }),
      /audit-lens\.json has unsaved changes in an editor: save or revert them, then try again\./,
    );
    // Moved out, it would be copied to the user's searches and then not removed: nothing happens instead.
    const usersBefore = services.savedSearches.store('user').state();
    await assert.rejects(services.savedSearches.move({ store: 'workspace', name: 'Saved before' }), /has unsaved changes in an editor/);
    assert.deepStrictEqual(services.savedSearches.store('user').state(), usersBefore, 'no copy in the user\'s searches');
    const result = await vscode.commands.executeCommand('auditLens.duplicateSavedSearch', { store: 'workspace', name: 'Saved before' });
    assert.strictEqual(result, undefined, 'the command fails');
    await logText(/auditLens\.duplicateSavedSearch: .*audit-lens\.json has unsaved changes in an editor: save or revert them/);
    assert.strictEqual(await readText(fileUri()), before, 'the file on disk is untouched');
    assert.ok(document.isDirty && document.getText().startsWith(' '), 'the edit in the editor is kept');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!document.isDirty);
    await services.savedSearches.add('workspace', { name: 'After revert', connection: 'all', query: '' });
    const names = (JSON.parse(await readText(fileUri())) as { searches: { name: string }[] }).searches.map((s) => s.name);
    assert.ok(names.includes('After revert') && !names.includes('While dirty'), names.join(', '));
    await closeAllEditors();
  });

  it('13: a file from a newer version or half-written by another tool is never overwritten', async () => {
    const { services } = await api();
    for (const text of [
      JSON.stringify({ version: 2, searches: [{ name: 'Future', connection: 'all', query: '', color: 'red' }] }, null, 2),
      '{ "version": 1, "searches": [ { "name": "Half", "conn',
    ]) {
      fs.writeFileSync(fileUri().fsPath, text);
      await waitFor('the broken state', () => services.savedSearches.store('workspace').state().kind === 'broken');
      await assert.rejects(services.savedSearches.add('workspace', { name: 'Mine', connection: 'all', query: '' }), /cannot be changed/);
      const result = await vscode.commands.executeCommand('auditLens.saveSearch', { name: 'Mine', store: 'workspace' });
      assert.strictEqual(result, undefined, 'the command fails with a message');
      assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), text, 'byte for byte the same');
    }
    const connection = services.connections.get(CONNECTION.id) as Connection;
    assert.ok(connection, 'the user connection is untouched');
  });
});
