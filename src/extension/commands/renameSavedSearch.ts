import { searchNameProblem, splitPath } from '../savedSearches/searchName';
import type { Services } from '../services';
import { searchRefFromArg } from './args';
import type { Command } from './command';

/** Renames a saved search (folder/name: a `/` in the new name moves it to that folder). */
export class RenameSavedSearchCommand implements Command {
  readonly id = 'auditLens.renameSavedSearch' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown, newName?: unknown): Promise<boolean> {
    const ref = searchRefFromArg(target);
    const current = this.services.savedSearches.find(ref);
    const full = current.folder ? `${current.folder}/${current.name}` : current.name;
    const typed = typeof newName === 'string' ? newName : await this.services.prompts.current.input({
      title: `Rename "${current.name}"`, value: full, prompt: 'Name; use Folder/Name to put it in a folder',
      validateInput: searchNameProblem,
    });
    if (typed === undefined) return false;
    const problem = searchNameProblem(typed);
    if (problem) throw new Error(problem);
    const { name, folder } = splitPath(typed);
    await this.services.savedSearches.replace(ref, (search) => {
      const { folder: _old, ...rest } = search;
      return folder ? { ...rest, name, folder } : { ...rest, name };
    });
    return true;
  }
}
