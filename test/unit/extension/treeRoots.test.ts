import * as assert from 'assert';
import {
  folderItemId, hasContents, rootGroups, rootItemId, searchItemId, storeNodes, workspaceChildren, type TreeContents, type TreeNode,
} from '../../../src/extension/tree/treeNodes';

const empty: TreeContents = { connections: 0, invalidConnections: 0, workspace: false, user: false, recent: false };
const groups = (contents: Partial<TreeContents>) =>
  rootGroups({ ...empty, ...contents }).map((node) => (node.kind === 'group' ? node.group : node.kind));

describe('extension: the tree\'s top level', () => {
  it('is empty when there is nothing at all, so the welcome view shows', () => {
    assert.deepStrictEqual(groups({}), []);
  });

  it('shows Connections when auditLens.connections holds only invalid entries, so their errors are seen', () => {
    assert.deepStrictEqual(groups({ invalidConnections: 1 }), ['connections']);
  });

  it('lists the groups that have something, Connections always first', () => {
    assert.deepStrictEqual(groups({ recent: true }), ['connections', 'recent']);
    assert.deepStrictEqual(groups({ connections: 2, workspace: true, user: true, recent: true }), ['connections', 'workspace', 'user', 'recent']);
  });
});

describe('extension: tree item ids of saved searches', () => {
  it('differ whenever store, folder or name differ, whatever characters they hold', () => {
    const ids = [
      searchItemId({ store: 'user', folder: 'Team', name: 'Security:Failed' }),
      searchItemId({ store: 'user', folder: 'Team:Security', name: 'Failed' }),
      searchItemId({ store: 'user', name: 'Team:Security:Failed' }),
      searchItemId({ store: 'user', folder: '', name: 'Team' }),
      searchItemId({ store: 'user', name: 'Team' }),
      searchItemId({ store: 'workspace', name: 'Team' }),
    ];
    assert.strictEqual(new Set(ids).size, ids.length, ids.join(' | '));
  });
});

describe('extension: Workspace Searches in a multi-root workspace', () => {
  const search = (name: string, folder?: string) => ({ name, ...(folder ? { folder } : {}), connection: 'all', query: 'since:1d' });
  const app = { root: 'file:///repo/app', name: 'app', state: { kind: 'ok' as const, searches: [search('Failed', 'Security'), search('Admins')] } };
  const api = { root: 'file:///repo/api', name: 'api', state: { kind: 'ok' as const, searches: [search('Admins')] } };
  const empty = { root: 'file:///repo/docs', name: 'docs', state: { kind: 'ok' as const, searches: [] } };
  const broken = { root: 'file:///repo/web', name: 'web', state: { kind: 'broken' as const, message: 'not valid JSON' } };

  it('shows a single folder\'s searches directly, with the ids of a single-folder workspace', () => {
    const children = workspaceChildren([app]);
    assert.deepStrictEqual(children.map((n) => n.kind === 'folder' ? [n.kind, n.label, n.root] : n.kind === 'search' ? [n.kind, n.name, n.root] : n.kind),
      [['folder', 'Security', undefined], ['search', 'Admins', undefined]]);
    const leaf = children[1] as Extract<TreeNode, { kind: 'search' }>;
    assert.strictEqual(searchItemId(leaf), JSON.stringify(['search', 'workspace', null, 'Admins']));
    assert.strictEqual(folderItemId(children[0] as Extract<TreeNode, { kind: 'folder' }>), 'folder:workspace:Security');
  });

  it('shows a single broken file as its error, as before', () => {
    const [node] = workspaceChildren([broken]);
    assert.deepStrictEqual(node, { kind: 'message', label: '.vscode/audit-lens.json has an error', detail: 'not valid JSON', isError: true });
  });

  it('with several folders, holds one node per folder with searches or a broken file, in folder order', () => {
    const roots = workspaceChildren([app, empty, broken, api]);
    assert.deepStrictEqual(roots, [
      { kind: 'root', root: app.root, label: 'app' },
      { kind: 'root', root: broken.root, label: 'web' },
      { kind: 'root', root: api.root, label: 'api' },
    ]);
  });

  it('gives a folder\'s searches and sub-folders its root, so commands and ids name the right file', () => {
    const appNodes = storeNodes('workspace', app.state, undefined, app.root);
    const apiNodes = storeNodes('workspace', api.state, undefined, api.root);
    const appAdmins = appNodes.find((n) => n.kind === 'search') as Extract<TreeNode, { kind: 'search' }>;
    const apiAdmins = apiNodes.find((n) => n.kind === 'search') as Extract<TreeNode, { kind: 'search' }>;
    assert.strictEqual(appAdmins.root, app.root);
    assert.strictEqual(apiAdmins.root, api.root);
    assert.notStrictEqual(searchItemId(appAdmins), searchItemId(apiAdmins));
    const security = appNodes.find((n) => n.kind === 'folder') as Extract<TreeNode, { kind: 'folder' }>;
    assert.strictEqual(security.root, app.root);
    const [failed] = storeNodes('workspace', app.state, security.path, security.root);
    assert.deepStrictEqual(failed && failed.kind === 'search' ? [failed.name, failed.folder, failed.root] : failed, ['Failed', 'Security', app.root]);
    assert.notStrictEqual(folderItemId(security), folderItemId({ ...security, root: api.root }));
    assert.notStrictEqual(rootItemId({ root: app.root }), rootItemId({ root: api.root }));
  });

  it('shows nothing in the group when no folder has anything', () => {
    assert.deepStrictEqual(workspaceChildren([empty, { ...empty, root: 'file:///repo/other' }]), []);
    assert.strictEqual(hasContents(empty.state), false);
    assert.strictEqual(hasContents(broken.state), true);
  });
});
