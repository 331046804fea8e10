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
      validateInput: (v) => (splitPath(v).name ? undefined : 'A saved search needs a name.'),
    });
    if (typed === undefined) return false;
    const { name, folder } = splitPath(typed);
    if (!name) throw new Error('A saved search needs a name.');
    await this.services.savedSearches.replace(ref, (search) => {
      const { folder: _old, ...rest } = search;
      return folder ? { ...rest, name, folder } : { ...rest, name };
    });
    return true;
  }
}

/** "Security/Logins/Failed" → folder "Security/Logins", name "Failed". */
export function splitPath(value: string): { name: string; folder?: string } {
  const parts = value.split('/').map((p) => p.trim()).filter((p) => p !== '');
  const name = parts.pop() ?? '';
  return parts.length > 0 ? { name, folder: parts.join('/') } : { name };
}
