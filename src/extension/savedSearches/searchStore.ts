import type * as vscode from 'vscode';
import type { SavedSearch } from './savedSearchSchema';

export type StoreKind = 'workspace' | 'user';

/** What a store currently holds: its searches, or why it cannot be read (then it is never written). */
export type StoreState =
  | { kind: 'ok'; searches: readonly SavedSearch[] }
  | { kind: 'broken'; message: string }
  | { kind: 'unavailable'; message: string };

/** One place saved searches live: the workspace file or user storage. */
export interface SearchStore {
  readonly kind: StoreKind;
  readonly onDidChange: vscode.Event<void>;
  state(): StoreState;
  /** Brings `state()` up to date with storage (it may lag behind edits made outside VS Code). */
  reload(): Promise<void>;
  /** Applies a change to the list and persists it; refuses when the store is broken. */
  update(change: (searches: SavedSearch[]) => SavedSearch[]): Promise<void>;
  /** Throws what `update` would refuse with now, for a reason known without reading storage (a two-store change asks first). */
  checkWritable(): void;
}

/** The saved-search file of one workspace folder. */
export interface FolderStore {
  /** The folder's URI (`Uri.toString()`): saved-search references name their folder by it. */
  readonly root: string;
  readonly name: string;
  /** Where the folder is, as shown to the user. */
  readonly path: string;
  readonly store: SearchStore;
}

/** The `.vscode/audit-lens.json` of every open workspace folder. */
export interface WorkspaceStores {
  /** A folder was added or removed, or one of the files changed. */
  readonly onDidChange: vscode.Event<void>;
  /** Each open folder's file, in the workspace's folder order. */
  folders(): readonly FolderStore[];
  /** The file of the folder with this URI; without one, the first folder's. */
  store(root?: string): SearchStore;
  /** Rereads every folder's file. */
  reload(): Promise<void>;
}
