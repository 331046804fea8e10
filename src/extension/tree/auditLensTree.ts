import * as vscode from 'vscode';
import type { ConnectionStatus } from '../connections/connectionStatus';
import type { ConnectionStore } from '../connections/connectionStore';
import type { RecentSearches } from '../savedSearches/recentSearches';
import type { SavedSearches } from '../savedSearches/savedSearches';
import type { StoreKind, StoreState } from '../savedSearches/searchStore';
import { Disposable } from '../util/disposable';
import {
  contextValueOf, folderItemId, hasContents, rootGroups, rootItemId, searchItemId, storeNodes, workspaceChildren,
  type FolderContents, type TreeNode,
} from './treeNodes';

/** The "Audit Lens" view: connections, workspace and user saved searches, recent searches. */
export class AuditLensTree extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly connections: ConnectionStore,
    private readonly status: ConnectionStatus,
    private readonly searches: SavedSearches,
    private readonly recent: RecentSearches,
  ) {
    super();
    const refresh = () => this.refresh();
    this._register(connections.onDidChange(refresh));
    this._register(status.onDidChange(refresh));
    this._register(searches.workspace.onDidChange(refresh));
    this._register(searches.store('user').onDidChange(refresh));
    this._register(recent.onDidChange(refresh));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'group':
        if (node.group === 'connections') return this.connectionNodes();
        if (node.group === 'recent') return this.recent.list().map((recent) => ({ kind: 'recent', recent }));
        if (node.group === 'workspace') return workspaceChildren(this.workspaceFolders());
        return storeNodes('user', this.stateOf('user', undefined), undefined);
      case 'root':
        return storeNodes('workspace', this.stateOf('workspace', node.root), undefined, node.root);
      case 'folder':
        return storeNodes(node.store, this.stateOf(node.store, node.root), node.path, node.root);
      default:
        return [];
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.contextValue = contextValueOf(node);
        item.id = `group:${node.group}`;
        if (node.group === 'recent') item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        return item;
      }
      case 'connection': {
        const { connection, state } = node;
        const item = new vscode.TreeItem(connection.label, vscode.TreeItemCollapsibleState.None);
        item.id = `connection:${connection.id}`;
        item.contextValue = contextValueOf(node);
        const where = connection.demo ? 'demo emulator' : hostOf(connection.baseUrl);
        if (state.kind === 'ready') {
          item.iconPath = new vscode.ThemeIcon(connection.demo ? 'beaker' : 'pass', new vscode.ThemeColor('testing.iconPassed'));
          item.description = `${connection.vendor} · ${where}`;
        } else if (state.kind === 'missing-credential') {
          item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('list.warningForeground'));
          item.description = `${connection.vendor} · no credential`;
          item.command = { command: 'auditLens.setCredential', title: 'Set Credential', arguments: [node] };
        } else {
          item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
          item.description = `${connection.vendor} · error`;
        }
        item.tooltip = new vscode.MarkdownString(undefined, false);
        item.tooltip.appendText(`${connection.label}${connection.demo ? ' (demo)' : ''}\n${connection.vendor} at ${where}`);
        if (state.kind === 'error') item.tooltip.appendText(`\n\nLast error: ${state.message}`);
        if (state.kind === 'missing-credential') item.tooltip.appendText('\n\nNo credential yet: click to set one.');
        return item;
      }
      case 'root': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = rootItemId(node);
        item.contextValue = contextValueOf(node);
        // The workspace folder's own icon, as the Explorer shows roots, apart from saved-search folders.
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.tooltip = `Saved searches in ${vscode.Uri.parse(node.root).fsPath}`;
        return item;
      }
      case 'folder': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = folderItemId(node);
        item.contextValue = contextValueOf(node);
        item.iconPath = vscode.ThemeIcon.Folder;
        return item;
      }
      case 'search': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
        item.id = searchItemId(node);
        item.contextValue = contextValueOf(node);
        item.iconPath = new vscode.ThemeIcon('search');
        item.description = node.search.query;
        item.tooltip = `${node.search.query}\nConnection: ${node.search.connection}`;
        item.command = { command: 'auditLens.runSavedSearch', title: 'Run', arguments: [node] };
        return item;
      }
      case 'recent': {
        const { recent } = node;
        const item = new vscode.TreeItem(recent.query || '(everything)', vscode.TreeItemCollapsibleState.None);
        item.contextValue = contextValueOf(node);
        item.iconPath = new vscode.ThemeIcon('history');
        item.description = recent.scope === 'all' ? 'all connections' : recent.scope.join(', ');
        item.tooltip = `Ran ${new Date(recent.at).toLocaleString()}`;
        item.command = { command: 'auditLens.runSavedSearch', title: 'Run', arguments: [node] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.contextValue = contextValueOf(node);
        item.iconPath = new vscode.ThemeIcon(node.isError ? 'warning' : 'info');
        item.description = node.detail;
        item.tooltip = node.detail;
        return item;
      }
    }
  }

  private roots(): TreeNode[] {
    const user = this.searches.store('user').state();
    return rootGroups({
      connections: this.connections.all().length,
      invalidConnections: this.connections.problems().length,
      workspace: this.workspaceFolders().some((folder) => hasContents(folder.state)),
      user: hasContents(user),
      recent: this.recent.list().length > 0,
    });
  }

  private async connectionNodes(): Promise<TreeNode[]> {
    const nodes: TreeNode[] = await Promise.all(this.connections.all().map(async (connection) => ({
      kind: 'connection' as const, connection, state: await this.status.stateOf(connection),
    })));
    for (const problem of this.connections.problems()) {
      nodes.push({ kind: 'message', label: 'Invalid connection in settings', detail: problem, isError: true });
    }
    if (nodes.length === 0) nodes.push({ kind: 'message', label: 'No connections', detail: 'Add one from the view toolbar.', isError: false });
    return nodes;
  }

  /** A store's state; a node of a folder removed since the tree last asked shows that instead of failing. */
  private stateOf(store: StoreKind, root: string | undefined): StoreState {
    if (root === undefined) return this.searches.store(store).state();
    const folder = this.searches.workspace.folders().find((f) => f.root === root);
    return folder ? folder.store.state() : { kind: 'unavailable', message: 'This workspace folder is no longer open.' };
  }

  private workspaceFolders(): FolderContents[] {
    return this.searches.workspace.folders().map(({ root, name, store }) => ({ root, name, state: store.state() }));
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
