import { withoutDemoMark } from '../savedSearches/savedSearches';
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
    // A hand-written name may hold a `/` ("A/B"): its own text, unchanged, must not split it into a folder.
    if (typed.trim() === full) return false;
    const problem = searchNameProblem(typed);
    if (problem) throw new Error(problem);
    const { name, folder } = splitPath(typed);
    // A renamed demo search is the user's: running the demo again keeps it.
    await this.services.savedSearches.replace(ref, (search) => {
      const { folder: _old, ...rest } = withoutDemoMark(search);
      return folder ? { ...rest, name, folder } : { ...rest, name };
    });
    return true;
  }
}
