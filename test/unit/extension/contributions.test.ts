// package.json menus and activation, checked against the tree's real context values.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Connection } from '../../../src/core/model';
import { contextValueOf, type TreeNode } from '../../../src/extension/tree/treeNodes';

interface MenuItem { command: string; when?: string; group?: string }
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { menus: Record<string, MenuItem[]> };
};

/** Evaluates the `&&`-joined clauses our menus use: `view == x`, `viewItem == x`, `viewItem =~ /re/`. */
function shown(when: string, view: string, viewItem: string): boolean {
  return when.split('&&').map((c) => c.trim()).every((clause) => {
    const match = /^(view|viewItem) (==|=~) (.+)$/.exec(clause);
    assert.ok(match, `unsupported when clause: ${clause}`);
    const [, key, op, operand] = match as unknown as [string, 'view' | 'viewItem', string, string];
    const value = key === 'view' ? view : viewItem;
    if (op === '==') return value === operand;
    const regex = /^\/(.*)\/([a-z]*)$/.exec(operand);
    assert.ok(regex, `not a regex: ${operand}`);
    return new RegExp(regex[1] as string, regex[2]).test(value);
  });
}

const search = { name: 'n', connection: 'all', query: '' };
const connection: Connection = { id: 'acme', label: 'Acme', vendor: 'zluri', baseUrl: 'https://api.zluri.com' };
const nodes: Record<string, TreeNode> = {
  workspaceSearch: { kind: 'search', store: 'workspace', name: 'n', search },
  userSearch: { kind: 'search', store: 'user', name: 'n', search },
  recent: { kind: 'recent', recent: { query: 'since:1h', scope: 'all', at: 0 } },
  connection: { kind: 'connection', connection, state: { kind: 'ready' } },
  demoConnection: { kind: 'connection', connection: { ...connection, id: 'demo-zluri', demo: true }, state: { kind: 'ready' } },
};

function contextMenuFor(command: string, node: TreeNode): boolean {
  return pkg.contributes.menus['view/item/context']!
    .filter((item) => item.command === command)
    .some((item) => shown(item.when ?? 'true', 'auditLens.tree', contextValueOf(node)));
}

describe('extension: package.json contributions', () => {
  it('offers Duplicate (and every other store operation) on workspace and user saved searches only, not on Recent', () => {
    for (const command of ['duplicateSavedSearch', 'editSavedSearch', 'renameSavedSearch', 'moveSavedSearch', 'deleteSavedSearch']) {
      const id = `auditLens.${command}`;
      assert.ok(contextMenuFor(id, nodes.workspaceSearch!), `${id} on a workspace search`);
      assert.ok(contextMenuFor(id, nodes.userSearch!), `${id} on a user search`);
      assert.ok(!contextMenuFor(id, nodes.recent!), `${id} must not appear on a Recent node`);
    }
    assert.ok(contextMenuFor('auditLens.runSavedSearch', nodes.recent!), 'a Recent node can still be run');
  });

  it('offers Set Credential and Edit on user connections, Test and Remove on demo ones too', () => {
    assert.ok(contextMenuFor('auditLens.setCredential', nodes.connection!));
    assert.ok(!contextMenuFor('auditLens.setCredential', nodes.demoConnection!));
    assert.ok(contextMenuFor('auditLens.testConnection', nodes.demoConnection!));
    assert.ok(contextMenuFor('auditLens.removeConnection', nodes.demoConnection!));
  });

  it('shows the connection commands in the Command Palette (they ask which connection)', () => {
    const hidden = new Set(pkg.contributes.menus.commandPalette!.filter((item) => item.when === 'false').map((item) => item.command));
    for (const command of ['addConnection', 'editConnection', 'removeConnection', 'setCredential', 'testConnection', 'showLog', 'tryDemo']) {
      assert.ok(!hidden.has(`auditLens.${command}`), `auditLens.${command} is hidden from the Command Palette`);
    }
  });

  it('activates after startup, so trace-id links work in terminals before any Audit Lens view opens', () => {
    assert.ok(pkg.activationEvents.includes('onStartupFinished'), `activationEvents: ${pkg.activationEvents.join(', ')}`);
  });
});
