import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod/mini';
import type { PanelSearch } from '../panel/types';
import { ALL_CONNECTIONS, searchKey, uniqueName, type SavedSearch } from './savedSearchSchema';
import type { SearchStore, StoreKind, WorkspaceStores } from './searchStore';

/** Names one saved search: tree nodes and command arguments have this shape. */
export const searchRefSchema = z.object({
  store: z.enum(['workspace', 'user']),
  name: z.string(),
  folder: z.optional(z.string()),
  /** The workspace folder (its URI) whose file holds a workspace search; without it, the first folder. */
  root: z.optional(z.string()),
});
export type SearchRef = z.infer<typeof searchRefSchema>;

/** The saved-search operations of the tree, over each workspace folder's file and user storage. */
export class SavedSearches {
  constructor(readonly workspace: WorkspaceStores, private readonly user: SearchStore) {}

  /** User storage, or the workspace file of the folder `root` (the first folder without one). */
  store(kind: StoreKind, root?: string): SearchStore {
    return kind === 'user' ? this.user : this.workspace.store(root);
  }

  find(ref: SearchRef): SavedSearch {
    const state = this.storeOf(ref).state();
    const found = state.kind === 'ok' ? state.searches.find((s) => searchKey(s) === searchKey(ref)) : undefined;
    if (!found) throw new Error(`The saved search "${ref.name}" no longer exists. Refresh the Audit Lens view.`);
    return found;
  }

  async add(kind: StoreKind, search: SavedSearch, root?: string): Promise<SearchRef> {
    const store = this.store(kind, root);
    // References name their folder only when there are several, as the tree's nodes do.
    const folders = this.workspace.folders();
    const at = kind === 'workspace' && folders.length > 1 ? root ?? folders[0]?.root : undefined;
    let name = search.name;
    await store.update((list) => {
      name = uniqueName(search.name, search.folder, list);
      return [...list, { ...search, name }];
    });
    return refOf(kind, { ...search, name }, at);
  }

  async replace(ref: SearchRef, change: (search: SavedSearch) => SavedSearch): Promise<void> {
    await this.storeOf(ref).update((list) => {
      const index = list.findIndex((s) => searchKey(s) === searchKey(ref));
      if (index < 0) throw new Error(`The saved search "${ref.name}" no longer exists.`);
      const next = change(list[index] as SavedSearch);
      if (searchKey(next) !== searchKey(ref) && list.some((s) => searchKey(s) === searchKey(next))) {
        throw new Error(`A saved search named "${next.name}" already exists in that folder.`);
      }
      list[index] = next;
      return list;
    });
  }

  async remove(ref: SearchRef): Promise<void> {
    await this.storeOf(ref).update((list) => list.filter((s) => searchKey(s) !== searchKey(ref)));
  }

  /** A copy is the user's own, even of a demo search (Try the Demo replaces only its own). */
  async duplicate(ref: SearchRef): Promise<SearchRef> {
    return this.add(ref.store, withoutDemoMark(this.find(ref)), ref.root);
  }

  /**
   * Moves between workspace and user storage: added to the target first, so a failure loses
   * nothing, and the source entry is removed only while it still holds the text that was moved.
   * `toRoot` is the workspace folder a user search moves to (the first folder without one).
   */
  async move(ref: SearchRef, toRoot?: string): Promise<SearchRef> {
    const source = this.storeOf(ref);
    await source.reload(); // the file may have been edited since it was last read
    source.checkWritable(); // before the copy: a source that cannot give the search up would leave it in both places
    const original = this.find(ref);
    const target: StoreKind = ref.store === 'workspace' ? 'user' : 'workspace';
    const added = await this.add(target, withoutDemoMark(original), toRoot);
    await source.update((list) => {
      const current = list.find((s) => searchKey(s) === searchKey(ref));
      if (current && !isDeepStrictEqual(current, original)) {
        throw new Error(`"${ref.name}" changed while it was being moved, so both copies are kept: delete the one you do not want.`);
      }
      return list.filter((s) => s !== current);
    });
    return added;
  }

  private storeOf(ref: SearchRef): SearchStore {
    return this.store(ref.store, ref.root);
  }
}

function refOf(store: StoreKind, search: Pick<SavedSearch, 'name' | 'folder'>, root: string | undefined): SearchRef {
  return {
    store, name: search.name,
    ...(search.folder === undefined ? {} : { folder: search.folder }),
    ...(root === undefined ? {} : { root }),
  };
}

/** The search as the user's own: Try the Demo no longer replaces it. */
export function withoutDemoMark(search: SavedSearch): SavedSearch {
  const { demo: _demo, ...own } = search;
  return own;
}

/** A saved search as the panel opens it. */
export function toPanelSearch(search: SavedSearch): PanelSearch {
  return {
    query: search.query,
    scope: search.connection === ALL_CONNECTIONS ? 'all' : [search.connection],
    title: search.name,
    ...(search.columns ? { columns: search.columns } : {}),
  };
}
