import type { Connection } from '../../core/model';
import type { ConnectionState } from '../connections/connectionStatus';
import type { RecentSearch } from '../savedSearches/recentList';
import type { SavedSearch } from '../savedSearches/savedSearchSchema';
import type { StoreKind } from '../savedSearches/searchStore';

/** Everything the Audit Lens tree shows. Command arguments are these nodes. */
export type TreeNode =
  | { kind: 'group'; group: 'connections' | StoreKind | 'recent'; label: string }
  | { kind: 'connection'; connection: Connection; state: ConnectionState }
  | { kind: 'folder'; store: StoreKind; path: string; label: string }
  | { kind: 'search'; store: StoreKind; name: string; folder?: string; search: SavedSearch }
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
    case 'folder': return 'folder';
    case 'search': return `search.${node.store}`;
    case 'recent': return 'search.recent';
    case 'message': return node.isError ? 'error' : 'message';
  }
}

/** The tree item id of a saved search: JSON, because folders and names may hold any character (`:` too). */
export function searchItemId(node: Pick<Extract<TreeNode, { kind: 'search' }>, 'store' | 'folder' | 'name'>): string {
  return JSON.stringify(['search', node.store, node.folder ?? null, node.name]);
}

/** The direct children of a folder path: sub-folders (by first segment) and searches. */
export function folderChildren(
  store: StoreKind,
  searches: readonly SavedSearch[],
  parent: string | undefined,
): TreeNode[] {
  const prefix = parent === undefined ? '' : `${parent}/`;
  const folders = new Set<string>();
  const leaves: TreeNode[] = [];
  for (const search of searches) {
    const folder = search.folder;
    if (folder === parent) {
      leaves.push(folder === undefined
        ? { kind: 'search', store, name: search.name, search }
        : { kind: 'search', store, name: search.name, folder, search });
    } else if (folder !== undefined && (parent === undefined || folder.startsWith(prefix))) {
      const rest = folder.slice(prefix.length);
      const segment = rest.split('/')[0];
      if (segment) folders.add(segment);
    }
  }
  const folderNodes: TreeNode[] = [...folders].sort((a, b) => a.localeCompare(b)).map((segment) => ({
    kind: 'folder', store, path: `${prefix}${segment}`, label: segment,
  }));
  leaves.sort((a, b) => (a.kind === 'search' && b.kind === 'search' ? a.name.localeCompare(b.name) : 0));
  return [...folderNodes, ...leaves];
}
