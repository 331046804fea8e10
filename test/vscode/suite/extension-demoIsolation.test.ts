// The demo never takes over what the user made: connection ids and saved searches.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Connection } from '../../../src/core/model';
import { EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { TreeNode } from '../../../src/extension/tree/treeNodes';
import { api, setUserConnections, waitFor, withPrompts } from './extension-helpers';

async function connectionTreeIds(): Promise<string[]> {
  const { services } = await api();
  const roots = await services.tree.getChildren();
  const group = roots.find((n) => n.kind === 'group' && n.group === 'connections') as TreeNode;
  const children = await services.tree.getChildren(group);
  return children.map((n) => services.tree.getTreeItem(n).id ?? `(${n.kind})`);
}

describe('extension: the demo keeps to its own connections and searches', () => {
  before(async () => {
    await vscode.commands.executeCommand('auditLens.tryDemo');
  });

  after(async () => {
    const { services } = await api();
    await setUserConnections([]);
    await services.savedSearches.store('user').update((list) => list.filter((s) => s.folder !== 'Demo'));
    await services.demo.disable();
  });

  it('gives a connection labelled "Demo Zluri" an id the demo does not use', async () => {
    const { services } = await api();
    const emulator = services.demo.current;
    assert.ok(emulator);
    const connection = await withPrompts([
      { pick: 'Zluri' },
      { input: emulator.baseUrl('zluri') },
      { input: 'Demo Zluri' },
      { input: EMULATOR_CREDENTIALS.zluri.token },
    ], () => vscode.commands.executeCommand<Connection | undefined>('auditLens.addConnection'));
    assert.strictEqual(connection?.id, 'my-demo-zluri');
    const ids = await connectionTreeIds();
    assert.strictEqual(new Set(ids).size, ids.length, `tree ids: ${ids.join(', ')}`);
    assert.ok(ids.includes('connection:my-demo-zluri') && ids.includes('connection:demo-zluri'));
    assert.strictEqual(services.connections.resolve('demo-zluri')?.demo, true);
  });

  it('sets aside a stored connection with a demo id while the demo runs, shown as a problem in the tree', async () => {
    const { services } = await api();
    await setUserConnections([{ id: 'demo-zluri', label: 'Old Demo Zluri', vendor: 'zluri', baseUrl: 'https://api-ext.zluri.com' }]);
    await waitFor('the setting', () => services.connections.problems().length === 1);
    const withId = services.connections.all().filter((c) => c.id === 'demo-zluri');
    assert.deepStrictEqual(withId.map((c) => c.demo), [true], 'only the demo\'s connection has the id');
    assert.strictEqual(services.connections.resolve('demo-zluri')?.demo, true, 'the demo\'s saved searches reach the demo');
    const ids = await connectionTreeIds();
    assert.strictEqual(new Set(ids).size, ids.length, `tree ids: ${ids.join(', ')}`);
    assert.match(services.connections.problems()[0] ?? '', /belongs to the demo/);
  });

  it('running the demo again replaces only its own searches: the user\'s in the Demo folder and a duplicate stay', async () => {
    const { services } = await api();
    const user = services.savedSearches.store('user');
    const own = { name: 'My Demo notes', folder: 'Demo', connection: 'all', query: 'action:login' };
    await services.savedSearches.add('user', own);
    const copy = await vscode.commands.executeCommand<{ name: string }>('auditLens.duplicateSavedSearch', { store: 'user', name: 'Zluri, last 7 days', folder: 'Demo' });
    assert.strictEqual(copy?.name, 'Zluri, last 7 days (copy)');
    await vscode.commands.executeCommand('auditLens.tryDemo');
    const state = user.state();
    assert.ok(state.kind === 'ok');
    const names = state.searches.filter((s) => s.folder === 'Demo').map((s) => s.name);
    assert.ok(names.includes('My Demo notes'), `Demo folder: ${names.join(', ')}`);
    assert.ok(names.includes('Zluri, last 7 days (copy)'), `Demo folder: ${names.join(', ')}`);
    assert.strictEqual(names.filter((n) => n === 'Zluri, last 7 days').length, 1);
  });

  it('shows Connections with the error when auditLens.connections holds only invalid entries', async () => {
    const { services } = await api();
    await services.demo.disable();
    await setUserConnections([{ id: 'Bad Id', label: 'Bad', vendor: 'zluri', baseUrl: 'https://api-ext.zluri.com' }]);
    await waitFor('the problem', () => services.connections.problems().length === 1);
    const roots = await services.tree.getChildren();
    const group = roots.find((n) => n.kind === 'group' && n.group === 'connections');
    assert.ok(group, 'the Connections group is shown');
    const children = await services.tree.getChildren(group);
    assert.ok(children.some((n) => n.kind === 'message' && n.isError && n.label === 'Invalid connection in settings'));
  });
});
