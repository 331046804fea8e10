// Saved searches in a multi-root workspace: each folder's .vscode/audit-lens.json is read,
// shown under its folder, and changed on its own. Runs in the driver's multi-root window
// (two folders, opened from a .code-workspace file).
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/extension/tree/treeNodes';
import { api, waitFor, withPrompts } from './extension-helpers';
import { closeAllEditors } from './hardening-helpers';
import { fileUri, readFile, shared, writeFile } from './savedSearch-helpers';

describe('extension: saved searches in every folder of a multi-root workspace', () => {
  const second = {
    version: 1,
    searches: [
      { name: 'Second only', folder: 'Ops', connection: 'all', query: 'since:2d' },
      { name: 'Admin changes', connection: 'all', query: 'actor:root since:30d' },
    ],
  };
  let secondDir: string;
  let secondUri: vscode.Uri;
  const secondFile = () => vscode.Uri.joinPath(secondUri, '.vscode', 'audit-lens.json');
  const readSecond = async () => JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(secondFile())).toString('utf8'));
  const firstText = JSON.stringify(shared, null, 2);

  /** The tree's children of `parent`, by label. */
  async function children(parent?: TreeNode): Promise<Map<string, TreeNode>> {
    const { services } = await api();
    const nodes = await services.tree.getChildren(parent);
    return new Map(nodes.map((node) => [String(services.tree.getTreeItem(node).label), node]));
  }

  async function workspaceGroup(): Promise<TreeNode> {
    const group = [...(await children()).values()].find((n) => n.kind === 'group' && n.group === 'workspace');
    assert.ok(group, 'a Workspace Searches group');
    return group;
  }

  before(async () => {
    const { services } = await api();
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 2, 'the harness opens a workspace of two folders');
    secondUri = (folders[1] as vscode.WorkspaceFolder).uri;
    secondDir = secondUri.fsPath;
    await writeFile(firstText);
    await vscode.workspace.fs.writeFile(secondFile(), Buffer.from(JSON.stringify(second, null, 2), 'utf8'));
    // This suite starts as soon as the extension is active, when VS Code may not yet be watching
    // the folders (the watcher starts asynchronously and nothing says when it listens): read them
    // here, and test the watcher below, once the window has settled.
    await services.workspaceFiles.reload();
    const stores = services.workspaceFiles.folders().map((folder) => folder.store.state());
    assert.ok(stores.length === 2 && stores.every((state) => state.kind === 'ok' && state.searches.length === 2), 'both folders\' files are read');
  });

  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(fileUri()).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(secondFile()).then(undefined, () => undefined);
  });

  it('shows one node per workspace folder, each with its own searches', async () => {
    const firstName = vscode.workspace.workspaceFolders?.[0]?.name as string;
    const roots = await children(await workspaceGroup());
    assert.deepStrictEqual([...roots.keys()], [firstName, path.basename(secondDir)]);
    assert.ok([...roots.values()].every((n) => n.kind === 'root'));
    assert.deepStrictEqual([...(await children(roots.get(firstName))).keys()], ['Security', 'Admin changes']);
    const secondNodes = await children(roots.get(path.basename(secondDir)));
    assert.deepStrictEqual([...secondNodes.keys()], ['Ops', 'Admin changes']);
    const { services } = await api();
    const ids = [roots.get(firstName), roots.get(path.basename(secondDir))].flatMap((root) => root ? [root] : [])
      .map((root) => services.tree.getTreeItem(root).id);
    const adminIds = await Promise.all([...roots.values()].map(async (root) => services.tree.getTreeItem((await children(root)).get('Admin changes') as TreeNode).id));
    assert.strictEqual(new Set([...ids, ...adminIds]).size, 4, 'the folders\' items have different ids');
  });

  it('runs a search of the second folder, and renames it in that folder\'s file only', async () => {
    const root = (await children(await workspaceGroup())).get(path.basename(secondDir)) as TreeNode;
    const admin = (await children(root)).get('Admin changes') as TreeNode;
    const opened = await vscode.commands.executeCommand('auditLens.runSavedSearch', admin);
    assert.deepStrictEqual(opened, { query: 'actor:root since:30d', scope: 'all', title: 'Admin changes' });
    assert.strictEqual(await vscode.commands.executeCommand('auditLens.renameSavedSearch', admin, 'Root changes'), true);
    assert.deepStrictEqual((await readSecond()).searches.map((s: { name: string }) => s.name), ['Second only', 'Root changes']);
    assert.strictEqual(await readFile(), firstText, 'the first folder\'s file is unchanged');
    const ops = (await children(root)).get('Ops') as TreeNode;
    const [secondOnly] = (await children(ops)).values();
    assert.ok(secondOnly?.kind === 'search' && secondOnly.name === 'Second only');
    await withPrompts([{ confirm: true }], () => vscode.commands.executeCommand('auditLens.deleteSavedSearch', secondOnly));
    assert.deepStrictEqual((await readSecond()).searches.map((s: { name: string }) => s.name), ['Root changes']);
    assert.strictEqual(await readFile(), firstText, 'the first folder\'s file is still unchanged');
  });

  it('asks which folder a search is saved to, and a user search is moved to', async () => {
    const { services } = await api();
    const folderName = path.basename(secondDir);
    const saved = await withPrompts([{ pick: 'Workspace' }, { pick: folderName }], async (prompts) => {
      const ref = await vscode.commands.executeCommand<{ root?: string; store: string }>('auditLens.saveSearch', { name: 'Team/Saved here' });
      assert.deepStrictEqual(prompts.asked, ['pick: Save Search', 'pick: Save Search']);
      return ref;
    });
    assert.strictEqual(saved?.root, secondUri.toString());
    assert.ok((await readSecond()).searches.some((s: { name: string; folder?: string }) => s.name === 'Saved here' && s.folder === 'Team'));
    await services.savedSearches.add('user', { name: 'Mine to share', connection: 'all', query: 'since:5d' });
    const moved = await withPrompts([{ pick: folderName }], () =>
      vscode.commands.executeCommand<{ root?: string }>('auditLens.moveSavedSearch', { store: 'user', name: 'Mine to share' }));
    assert.strictEqual(moved?.root, secondUri.toString());
    assert.ok((await readSecond()).searches.some((s: { name: string }) => s.name === 'Mine to share'));
    assert.throws(() => services.savedSearches.find({ store: 'user', name: 'Mine to share' }), /no longer exists/);
    assert.strictEqual(await readFile(), firstText, 'nothing was saved in the first folder');
  });

  it('hears the second folder\'s file being edited on disk', async () => {
    const { services } = await api();
    const store = services.workspaceFiles.store(secondUri.toString());
    const edited = { version: 1, searches: [{ name: 'Edited elsewhere', connection: 'all', query: 'since:1d' }] };
    const write = () => vscode.workspace.fs.writeFile(secondFile(), Buffer.from(JSON.stringify(edited), 'utf8'));
    await write();
    let polls = 0;
    await waitFor('the watcher to read the edit', async () => {
      // Written again every 2 s, in case the watcher was still starting on a slow machine.
      if (++polls % 20 === 0) await write();
      const state = store.state();
      return state.kind === 'ok' && state.searches.map((s) => s.name).join() === 'Edited elsewhere';
    }, 20_000);
    assert.strictEqual(await readFile(), firstText, 'the first folder\'s file is untouched');
    const firstState = services.workspaceFiles.store().state();
    assert.ok(firstState.kind === 'ok' && firstState.searches.length === 2, 'the first folder\'s searches are unchanged');
  });

  it('drops a removed folder\'s searches from the tree', async () => {
    const { services } = await api();
    assert.ok(vscode.workspace.updateWorkspaceFolders(1, 1), 'the folder can be removed');
    await waitFor('the folder to go', () => services.workspaceFiles.folders().length === 1);
    const top = await children(await workspaceGroup());
    assert.deepStrictEqual([...top.keys()], ['Security', 'Admin changes'], 'one folder again: its searches directly under the group');
    assert.ok([...top.values()].every((n) => n.kind !== 'root'));
    const gone = { store: 'workspace' as const, name: 'Root changes', root: secondUri.toString() };
    assert.throws(() => services.savedSearches.find(gone), /No open workspace folder is .*it may have been removed/);
    const result = await vscode.commands.executeCommand('auditLens.runSavedSearch', gone);
    assert.strictEqual(result, undefined, 'a search of a removed folder no longer runs');
  });
});
