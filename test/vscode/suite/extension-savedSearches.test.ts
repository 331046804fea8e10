import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/extension/tree/treeNodes';
import { demoSearches, withDemoSearches } from '../../../src/extension/demo/demoSearches';
import { api, waitFor, withPrompts } from './extension-helpers';
import { closeAllEditors } from './hardening-helpers';
import { fileUri, readFile, shared, writeFile } from './savedSearch-helpers';

async function workspaceNames(): Promise<string[]> {
  const { services } = await api();
  const state = services.savedSearches.store('workspace').state();
  return state.kind === 'ok' ? state.searches.map((s) => `${s.folder ? `${s.folder}/` : ''}${s.name}`).sort() : [`broken: ${state.message}`];
}

describe('extension: saved searches in .vscode/audit-lens.json', () => {
  after(async () => {
    await vscode.workspace.fs.delete(fileUri()).then(undefined, () => undefined);
  });

  it('picks up the shared file through its watcher and shows it grouped by folder', async () => {
    const { services } = await api();
    await writeFile(JSON.stringify(shared, null, 2));
    await waitFor('the watcher to read the file', async () => (await workspaceNames()).length === 2);
    const roots = await services.tree.getChildren();
    const group = roots.find((n) => n.kind === 'group' && n.group === 'workspace') as TreeNode;
    assert.ok(group, 'a Workspace Searches group');
    const children = await services.tree.getChildren(group);
    assert.deepStrictEqual(children.map((n) => services.tree.getTreeItem(n).label), ['Security', 'Admin changes']);
  });

  it('renames, duplicates, edits and deletes through the commands, writing the file atomically', async () => {
    const ref = { store: 'workspace', name: 'Admin changes' };
    assert.strictEqual(await vscode.commands.executeCommand('auditLens.renameSavedSearch', ref, 'Audit/Admins'), true);
    const moved = { store: 'workspace', name: 'Admins', folder: 'Audit' };
    const copy = await vscode.commands.executeCommand<{ name: string }>('auditLens.duplicateSavedSearch', moved);
    assert.strictEqual(copy?.name, 'Admins (copy)');
    await withPrompts([{ input: 'actor:admin status:failure since:7d' }], () => vscode.commands.executeCommand('auditLens.editSavedSearch', moved));
    await withPrompts([{ confirm: true }], () =>
      vscode.commands.executeCommand('auditLens.deleteSavedSearch', { store: 'workspace', name: 'Admins (copy)', folder: 'Audit' }));
    assert.deepStrictEqual(await workspaceNames(), ['Audit/Admins', 'Security/Failed logins']);
    const onDisk = JSON.parse(await readFile());
    assert.strictEqual(onDisk.searches.find((s: { name: string }) => s.name === 'Admins').query, 'actor:admin status:failure since:7d');
    const leftovers = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(fileUri(), '..'))).filter(([name]) => name.endsWith('.tmp'));
    assert.deepStrictEqual(leftovers, [], 'no temporary files are left behind');
  });

  it('refuses an edit whose query does not parse', async () => {
    const result = await vscode.commands.executeCommand('auditLens.editSavedSearch', { store: 'workspace', name: 'Admins', folder: 'Audit' }, 'since:forever');
    assert.strictEqual(result, undefined);
    assert.strictEqual(JSON.parse(await readFile()).searches.find((s: { name: string }) => s.name === 'Admins').query, 'actor:admin status:failure since:7d');
  });

  it('moves a search to user storage and back', async () => {
    const { services } = await api();
    const toUser = await vscode.commands.executeCommand<{ store: string }>('auditLens.moveSavedSearch', { store: 'workspace', name: 'Failed logins', folder: 'Security' });
    assert.strictEqual(toUser?.store, 'user');
    assert.ok(services.savedSearches.find({ store: 'user', name: 'Failed logins', folder: 'Security' }));
    assert.deepStrictEqual(await workspaceNames(), ['Audit/Admins']);
    await vscode.commands.executeCommand('auditLens.moveSavedSearch', { store: 'user', name: 'Failed logins', folder: 'Security' });
    assert.deepStrictEqual(await workspaceNames(), ['Audit/Admins', 'Security/Failed logins']);
  });

  it('shows a broken file as an error node and never overwrites it', async () => {
    const { services } = await api();
    const broken = '{ "version": 1, "searches": [ { "name": "half" ';
    await writeFile(broken);
    await waitFor('the broken state', async () => (await workspaceNames())[0]?.startsWith('broken'));
    const roots = await services.tree.getChildren();
    const group = roots.find((n) => n.kind === 'group' && n.group === 'workspace') as TreeNode;
    const [node] = await services.tree.getChildren(group);
    assert.strictEqual(node?.kind, 'message');
    assert.match(services.tree.getTreeItem(node as TreeNode).label as string, /audit-lens\.json has an error/);
    const result = await vscode.commands.executeCommand('auditLens.renameSavedSearch', { store: 'workspace', name: 'Admins', folder: 'Audit' }, 'Other');
    assert.strictEqual(result, undefined, 'the command fails');
    assert.strictEqual(await readFile(), broken, 'the broken file is untouched');
  });
});

describe('extension: saved searches keep what the user wrote', () => {
  const userNames = ['A/B', 'Renamed demo'];

  afterEach(async () => {
    const { services } = await api();
    await services.savedSearches.store('user').update((list) => list.filter((s) => !userNames.includes(s.name) && s.folder !== 'Moved'));
    await vscode.workspace.fs.delete(fileUri()).then(undefined, () => undefined);
    await services.workspaceFiles.reload();
  });

  async function loadFile(file: object): Promise<void> {
    const { services } = await api();
    await writeFile(JSON.stringify(file, null, 2));
    await services.workspaceFiles.reload();
  }

  it('has VS Code check the file as it is edited: an unknown column and a misspelt key are marked, a valid file is clean', async () => {
    const search = { name: 'Typo', connection: 'all', query: 'since:1d', columns: ['time', 'colour'], qeury: 'x' };
    await loadFile({ version: 1, searches: [search] });
    const editor = await vscode.window.showTextDocument(fileUri());
    try {
      const problems = await waitFor('the JSON language server to check the file', () => {
        const found = vscode.languages.getDiagnostics(fileUri());
        return found.length >= 2 ? found : undefined;
      }, 20_000);
      const marked = problems.map((d) => editor.document.getText(d.range)).sort();
      assert.deepStrictEqual(marked, ['"colour"', '"qeury"'], problems.map((d) => d.message).join('; '));
      await loadFile({ version: 1, searches: [{ name: 'Fine', connection: 'all', query: 'since:1d', columns: ['time', 'actor'] }] });
      await waitFor('the problems to clear', () => vscode.languages.getDiagnostics(fileUri()).length === 0, 20_000);
    } finally {
      await closeAllEditors();
    }
  });

  it('keeps "$schema" when it rewrites the workspace file', async () => {
    const schema = 'https://example.com/audit-lens.schema.json';
    await loadFile({ $schema: schema, ...shared });
    await vscode.commands.executeCommand('auditLens.renameSavedSearch', { store: 'workspace', name: 'Admin changes' }, 'Admins');
    const onDisk = JSON.parse(await readFile());
    assert.strictEqual(onDisk.$schema, schema);
    assert.deepStrictEqual(await workspaceNames(), ['Admins', 'Security/Failed logins']);
  });

  it('reads a file that starts with a byte order mark', async () => {
    const { services } = await api();
    await vscode.workspace.fs.writeFile(fileUri(), Buffer.from(`\uFEFF${JSON.stringify(shared)}`, 'utf8'));
    await services.workspaceFiles.reload();
    assert.deepStrictEqual(await workspaceNames(), ['Admin changes', 'Security/Failed logins']);
  });

  it('moves the text on disk, not an older copy read before an outside edit', async () => {
    const { services } = await api();
    const one = { name: 'Edited outside', folder: 'Moved', connection: 'all', query: 'since:1h' };
    await loadFile({ version: 1, searches: [one] });
    // Edited by hand or by a teammate's pull; the watcher has not reported it yet.
    await writeFile(JSON.stringify({ version: 1, searches: [{ ...one, query: 'status:failure since:2h' }] }));
    await vscode.commands.executeCommand('auditLens.moveSavedSearch', { store: 'workspace', name: one.name, folder: one.folder });
    assert.strictEqual(services.savedSearches.find({ store: 'user', name: one.name, folder: one.folder }).query, 'status:failure since:2h');
    assert.deepStrictEqual(JSON.parse(await readFile()).searches, []);
  });

  it('makes a renamed demo search the user\'s own, so Try the Demo keeps it', async () => {
    const { services } = await api();
    const user = services.savedSearches.store('user');
    await user.update((list) => [...list, { name: 'Demo to rename', folder: 'Moved', connection: 'all', query: 'since:7d', demo: true }]);
    await vscode.commands.executeCommand('auditLens.renameSavedSearch', { store: 'user', name: 'Demo to rename', folder: 'Moved' }, 'Moved/Renamed demo');
    const renamed = services.savedSearches.find({ store: 'user', name: 'Renamed demo', folder: 'Moved' });
    assert.strictEqual(renamed.demo, undefined);
    assert.ok(withDemoSearches([renamed], demoSearches(undefined)).includes(renamed), 'Try the Demo keeps it');
  });

  it('leaves a search whose name holds "/" where it is when the rename text is unchanged', async () => {
    const { services } = await api();
    await services.savedSearches.store('user').update((list) => [...list, { name: 'A/B', connection: 'all', query: 'since:1d' }]);
    await withPrompts([{ input: 'A/B' }], () => vscode.commands.executeCommand('auditLens.renameSavedSearch', { store: 'user', name: 'A/B' }));
    assert.strictEqual(services.savedSearches.find({ store: 'user', name: 'A/B' }).folder, undefined);
  });

  it('shows, and can delete, a search whose folder was written with stray slashes', async () => {
    const { services } = await api();
    await loadFile({ version: 1, searches: [{ name: 'Stray', folder: '/Security//Logins/', connection: 'all', query: 'since:1d' }] });
    const roots = await services.tree.getChildren();
    const group = roots.find((n) => n.kind === 'group' && n.group === 'workspace') as TreeNode;
    const [security] = await services.tree.getChildren(group);
    const [logins] = await services.tree.getChildren(security as TreeNode);
    const [leaf] = await services.tree.getChildren(logins as TreeNode);
    assert.strictEqual(leaf?.kind, 'search');
    await withPrompts([{ confirm: true }], () => vscode.commands.executeCommand('auditLens.deleteSavedSearch', leaf));
    assert.deepStrictEqual(await workspaceNames(), []);
  });

  it('duplicates a name at the length limit into a copy that fits', async () => {
    const long = 'x'.repeat(200);
    await loadFile({ version: 1, searches: [{ name: long, connection: 'all', query: 'since:1d' }] });
    const copy = await vscode.commands.executeCommand<{ name: string }>('auditLens.duplicateSavedSearch', { store: 'workspace', name: long });
    assert.ok(copy && copy.name.length <= 200 && copy.name.endsWith(' (copy)'), `copy name: ${copy?.name}`);
    assert.strictEqual((await workspaceNames()).length, 2);
  });
});
