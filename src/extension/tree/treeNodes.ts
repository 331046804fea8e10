import type { Connection } from '../../core/model';
import type { ConnectionState } from '../connections/connectionStatus';
import type { RecentSearch } from '../savedSearches/recentList';
import { WORKSPACE_FILE, type SavedSearch } from '../savedSearches/savedSearchSchema';
import type { StoreKind, StoreState } from '../savedSearches/searchStore';

/**
 * Everything the Audit Lens tree shows. Command arguments are these nodes. `root` (a workspace
 * folder's URI) is set only when the workspace has several folders, so with one folder the
 * nodes and their ids are those of a single-folder workspace.
 */
export type TreeNode =
  | { kind: 'group'; group: 'connections' | StoreKind | 'recent'; label: string }
  | { kind: 'connection'; connection: Connection; state: ConnectionState }
  | { kind: 'root'; root: string; label: string }
  | { kind: 'folder'; store: StoreKind; path: string; label: string; root?: string }
  | { kind: 'search'; store: StoreKind; name: string; folder?: string; root?: string; search: SavedSearch }
  | { kind: 'recent'; recent: RecentSearch }
  | { kind: 'message'; label: string; detail: string; isError: boolean };

/** What the tree has to show at its top level. */
export interface TreeContents {
  connections: number;
  /** Entries of `auditLens.connections` that failed validation: shown as error nodes. */
  invalidConnections: number;
  workspace: boolean;
  user: boolean;
  recent: boolean;
}

/** The top-level groups; none at all when there is nothing, so VS Code shows the welcome content. */
export function rootGroups(contents: TreeContents): TreeNode[] {
  const { workspace, user, recent } = contents;
  const connections = contents.connections > 0 || contents.invalidConnections > 0;
  if (!connections && !workspace && !user && !recent) return [];
  const roots: TreeNode[] = [{ kind: 'group', group: 'connections', label: 'Connections' }];
  if (workspace) roots.push({ kind: 'group', group: 'workspace', label: STORE_LABELS.workspace });
  if (user) roots.push({ kind: 'group', group: 'user', label: STORE_LABELS.user });
  if (recent) roots.push({ kind: 'group', group: 'recent', label: 'Recent' });
  return roots;
}

const STORE_LABELS: Record<StoreKind, string> = { workspace: 'Workspace Searches', user: 'My Searches' };

/** The node's `contextValue`: package.json `view/item/context` menus match on it. */
export function contextValueOf(node: TreeNode): string {
  switch (node.kind) {
    case 'group': return `group.${node.group}`;
    case 'connection': return node.connection.demo ? 'connection.demo' : 'connection';
    case 'root': return 'workspaceFolder';
    case 'folder': return 'folder';
    case 'search': return `search.${node.store}`;
    case 'recent': return 'search.recent';
    case 'message': return node.isError ? 'error' : 'message';
  }
}

/** The tree item id of a saved search: JSON, because folders and names may hold any character (`:` too). */
export function searchItemId(node: Pick<Extract<TreeNode, { kind: 'search' }>, 'store' | 'folder' | 'name' | 'root'>): string {
  const { store, folder, name, root } = node;
  return JSON.stringify(root === undefined ? ['search', store, folder ?? null, name] : ['search', store, root, folder ?? null, name]);
}

/** The tree item id of a saved-search folder (the single-folder form is kept for the tree's expansion state). */
export function folderItemId(node: Pick<Extract<TreeNode, { kind: 'folder' }>, 'store' | 'path' | 'root'>): string {
  return node.root === undefined ? `folder:${node.store}:${node.path}` : JSON.stringify(['folder', node.store, node.root, node.path]);
}

export function rootItemId(node: Pick<Extract<TreeNode, { kind: 'root' }>, 'root'>): string {
  return JSON.stringify(['root', node.root]);
}

/** One workspace folder's saved-search file, as the tree sees it. */
export interface FolderContents {
  root: string;
  name: string;
  state: StoreState;
}

/** Whether a store has something to show: searches, or the error that it cannot be read. */
export function hasContents(state: StoreState): boolean {
  return state.kind === 'broken' || (state.kind === 'ok' && state.searches.length > 0);
}

/**
 * The children of "Workspace Searches": with one folder its searches, as in a single-folder
 * workspace; with several, one node per folder that has something to show.
 */
export function workspaceChildren(folders: readonly FolderContents[]): TreeNode[] {
  const [only] = folders;
  if (folders.length === 1 && only) return storeNodes('workspace', only.state, undefined);
  return folders.filter((folder) => hasContents(folder.state)).map(({ root, name }) => ({ kind: 'root', root, label: name }));
}

/** A store's children under the folder path `parent`, or the message saying why it shows none. */
export function storeNodes(store: StoreKind, state: StoreState, parent: string | undefined, root?: string): TreeNode[] {
  if (state.kind === 'broken') {
    const label = store === 'workspace' ? `${WORKSPACE_FILE} has an error` : 'Saved searches unreadable';
    return [{ kind: 'message', label, detail: state.message, isError: true }];
  }
  if (state.kind === 'unavailable') return [{ kind: 'message', label: state.message, detail: '', isError: false }];
  return folderChildren(store, state.searches, parent, root);
}

/** The direct children of a folder path: sub-folders (by first segment) and searches. */
export function folderChildren(
  store: StoreKind,
  searches: readonly SavedSearch[],
  parent: string | undefined,
  root?: string,
): TreeNode[] {
  const at = root === undefined ? {} : { root };
  const prefix = parent === undefined ? '' : `${parent}/`;
  const folders = new Set<string>();
  const leaves: TreeNode[] = [];
  for (const search of searches) {
    const folder = search.folder;
    if (folder === parent) {
      leaves.push(folder === undefined
        ? { kind: 'search', store, name: search.name, ...at, search }
        : { kind: 'search', store, name: search.name, folder, ...at, search });
    } else if (folder !== undefined && (parent === undefined || folder.startsWith(prefix))) {
      const rest = folder.slice(prefix.length);
      const segment = rest.split('/')[0];
      if (segment) folders.add(segment);
    }
  }
  const folderNodes: TreeNode[] = [...folders].sort((a, b) => a.localeCompare(b)).map((segment) => ({
    kind: 'folder', store, path: `${prefix}${segment}`, label: segment, ...at,
  }));
  leaves.sort((a, b) => (a.kind === 'search' && b.kind === 'search' ? a.name.localeCompare(b.name) : 0));
  return [...folderNodes, ...leaves];
}
