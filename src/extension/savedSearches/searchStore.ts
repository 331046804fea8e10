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
}
