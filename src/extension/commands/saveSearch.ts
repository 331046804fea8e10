import type { SearchRef } from '../savedSearches/savedSearches';
import type { StoreKind } from '../savedSearches/searchStore';
import { searchNameProblem, splitPath } from '../savedSearches/searchName';
import { chooseWorkspaceRoot } from '../savedSearches/workspaceFolderChoice';
import type { Services } from '../services';
import type { Command } from './command';

/** Saves the search of the active results panel, in a workspace folder's file or user storage. */
export class SaveSearchCommand implements Command {
  readonly id = 'auditLens.saveSearch' as const;

  constructor(private readonly services: Services) {}

  async execute(options?: { name?: string; store?: StoreKind; root?: string }): Promise<SearchRef | undefined> {
    const { launcher, prompts, savedSearches } = this.services;
    const search = launcher.activeSearch() ?? launcher.lastOpened;
    if (!search) throw new Error('Open a search in a results panel first, then save it.');
    const typed = options?.name ?? await prompts.current.input({
      title: 'Save Search', prompt: 'Name; use Folder/Name to put it in a folder', value: search.title ?? search.query,
      validateInput: searchNameProblem,
    });
    if (!typed) return undefined;
    const problem = searchNameProblem(typed);
    if (problem) throw new Error(problem);
    const folders = savedSearches.workspace.folders();
    const store = options?.store ?? (folders.length > 0 ? (await prompts.current.pick([
      { label: 'Workspace', description: '.vscode/audit-lens.json, shared when committed', store: 'workspace' as StoreKind },
      { label: 'My Searches', description: 'only for you, in every workspace', store: 'user' as StoreKind },
    ], { title: 'Save Search', placeHolder: 'Where?' }))?.store : 'user');
    if (!store) return undefined;
    const root = store === 'workspace' ? options?.root ?? await chooseWorkspaceRoot(folders, prompts.current, 'Save Search') : undefined;
    if (store === 'workspace' && !root) return undefined;
    const { name, folder } = splitPath(typed);
    const connection = search.scope === 'all' ? 'all' : search.scope.length === 1 ? search.scope[0] as string : undefined;
    if (!connection) throw new Error('Only searches of one connection or of all connections can be saved.');
    return savedSearches.add(store, { name, ...(folder ? { folder } : {}), connection, query: search.query }, root);
  }
}
