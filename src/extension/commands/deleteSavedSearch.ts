import type { Services } from '../services';
import { searchRefFromArg } from './args';
import type { Command } from './command';

export class DeleteSavedSearchCommand implements Command {
  readonly id = 'auditLens.deleteSavedSearch' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown): Promise<boolean> {
    const ref = searchRefFromArg(target);
    const search = this.services.savedSearches.find(ref);
    const where = ref.store === 'workspace' ? 'the workspace file (shared with your team)' : 'your saved searches';
    const ok = await this.services.prompts.current.confirm(`Delete the saved search "${search.name}" from ${where}?`, 'Delete');
    if (!ok) return false;
    await this.services.savedSearches.remove(ref);
    return true;
  }
}
