import * as assert from 'assert';
import { rootGroups, searchItemId, type TreeContents } from '../../../src/extension/tree/treeNodes';

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
