// Issue 4, workspace trust: in an untrusted workspace (Restricted Mode) the saved searches
// of `.vscode/audit-lens.json` are shown, but one runs only after the user confirms; the
// user's own searches run as usual. Runs in the harness's second window, started without
// --disable-workspace-trust (see harness/runIntegration.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import type { TreeNode } from '../../../src/extension/tree/treeNodes';
import { api, waitFor, withPrompts } from './extension-helpers';
import { addEmulatorConnection, closeAllEditors, lastStatus, newestPanel, removeEmulatorConnection, spyOnPanel } from './hardening-helpers';

const CONNECTION = { id: 'rm-zluri', label: 'RM Zluri', vendor: 'zluri' } as const;
const SHARED = {
  version: 1,
  searches: [
    { name: 'Team failures', folder: 'Team', connection: CONNECTION.id, query: 'status:failure since:7d' },
    { name: 'Everything today', connection: CONNECTION.id, query: 'since:1d' },
  ],
};
const MINE = { name: 'My Zluri week', connection: CONNECTION.id, query: 'since:7d' };

function sharedFile(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, '.vscode', 'audit-lens.json');
}

/** The tree's children of `parent` by label, the way the Audit Lens view shows them. */
async function childrenByLabel(parent?: TreeNode): Promise<Map<string, TreeNode>> {
  const { services } = await api();
  const nodes = await services.tree.getChildren(parent);
  return new Map(nodes.map((node) => [String(services.tree.getTreeItem(node).label), node]));
}

/** Runs what a click on a tree row runs (its TreeItem command). */
async function click(node: TreeNode): Promise<unknown> {
  const { services } = await api();
  const command = services.tree.getTreeItem(node).command;
  assert.strictEqual(command?.command, 'auditLens.runSavedSearch', 'a click on a saved search runs it');
  return vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

/** Waits for the newest panel's search to end and returns the requests it sent. */
async function searchRequests(emulator: Emulator, from: number): Promise<number> {
  const { sent } = spyOnPanel(await newestPanel());
  await waitFor('the search to end', () => ['done', 'paused'].includes(lastStatus(sent)?.phase ?? ''), 20_000);
  return emulator.requests.length - from;
}

describe('Restricted Mode: workspace saved searches run only after the user confirms (issue 4)', () => {
  let emulator: Emulator;
  let workspaceNodes: Map<string, TreeNode>;

  before(async () => {
    const { services } = await api();
    ({ emulator } = await addEmulatorConnection(CONNECTION));
    await services.savedSearches.add('user', MINE);
    await vscode.workspace.fs.writeFile(sharedFile(), Buffer.from(JSON.stringify(SHARED, null, 2), 'utf8'));
    // Right after activation VS Code may not be watching the folder yet: read the file now.
    await services.workspaceFiles.reload();
  });

  after(async () => {
    const { services } = await api();
    await services.savedSearches.remove({ store: 'user', name: MINE.name }).then(undefined, () => undefined);
    await removeEmulatorConnection(CONNECTION.id, emulator);
    await vscode.workspace.fs.delete(sharedFile()).then(undefined, () => undefined);
  });

  it('runs in an untrusted workspace', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'this window must be in Restricted Mode');
  });

  it('lists the workspace saved searches in the tree, grouped by folder', async () => {
    const { services } = await api();
    await waitFor('the shared file to be read', () => {
      const state = services.savedSearches.store('workspace').state();
      return state.kind === 'ok' && state.searches.length === SHARED.searches.length;
    });
    const roots = [...(await childrenByLabel()).values()];
    const group = roots.find((n) => n.kind === 'group' && n.group === 'workspace');
    assert.ok(group, 'a Workspace Searches group is shown');
    const top = await childrenByLabel(group);
    assert.deepStrictEqual([...top.keys()], ['Team', 'Everything today']);
    const team = await childrenByLabel(top.get('Team'));
    assert.deepStrictEqual([...team.keys()], ['Team failures']);
    workspaceNodes = new Map([...top, ...team]);
    assert.strictEqual(emulator.requests.length, 0, 'listing them sent nothing');
  });

  it('asks before running a workspace search; declining sends nothing and opens no panel', async () => {
    const { services } = await api();
    const panelsBefore = services.panels.openPanels().length;
    const recentBefore = services.recent.list().length;
    for (const name of ['Team failures', 'Everything today']) {
      const opened = await withPrompts([{ confirm: false }], async (prompts) => {
        const result = await click(workspaceNodes.get(name) as TreeNode);
        assert.strictEqual(prompts.asked.length, 1, 'one question');
        assert.match(prompts.asked[0] ?? '', /^confirm: .*from the workspace.*Restricted Mode.*Run it\?$/);
        return result;
      });
      assert.strictEqual(opened, undefined, `"${name}" did not run`);
    }
    await new Promise((r) => setTimeout(r, 500)); // room for a request that should not come
    assert.deepStrictEqual(emulator.requests, [], 'nothing reached the vendor');
    assert.strictEqual(services.panels.openPanels().length, panelsBefore, 'no results panel opened');
    assert.strictEqual(services.recent.list().length, recentBefore, 'a declined search is not remembered as recent');
  });

  it('runs the workspace search once the user confirms', async () => {
    const before = emulator.requests.length;
    const opened = await withPrompts([{ confirm: true }], () => click(workspaceNodes.get('Team failures') as TreeNode));
    assert.deepStrictEqual(opened, { query: 'status:failure since:7d', scope: [CONNECTION.id], title: 'Team failures' });
    assert.ok(await searchRequests(emulator, before) > 0, 'the confirmed search reached the vendor');
    const sent = emulator.requests.slice(before);
    assert.ok(sent.every((r) => r.vendor === 'zluri' && r.headers['api-key'] === EMULATOR_CREDENTIALS.zluri.token));
    await closeAllEditors();
  });

  it('runs the user\'s own saved searches and quick searches without asking', async () => {
    const { services } = await api();
    const user = (await services.tree.getChildren()).find((n) => n.kind === 'group' && n.group === 'user');
    const mine = (await childrenByLabel(user)).get(MINE.name);
    assert.ok(mine, 'the user search is listed');
    // No scripted answer: any question fails the test.
    await withPrompts([], async () => {
      let before = emulator.requests.length;
      const opened = await click(mine);
      assert.deepStrictEqual(opened, { query: MINE.query, scope: [CONNECTION.id], title: MINE.name });
      assert.ok(await searchRequests(emulator, before) > 0, 'the user search reached the vendor');
      before = emulator.requests.length;
      await vscode.commands.executeCommand('auditLens.quickSearch', CONNECTION.id, 'since:2d');
      assert.ok(await searchRequests(emulator, before) > 0, 'the quick search reached the vendor');
    });
    await closeAllEditors();
  });
});
