import type { SearchRef } from '../savedSearches/savedSearches';
import type { Services } from '../services';
import { searchRefFromArg } from './args';
import type { Command } from './command';

export class DuplicateSavedSearchCommand implements Command {
  readonly id = 'auditLens.duplicateSavedSearch' as const;

  constructor(private readonly services: Services) {}

  execute(target?: unknown): Promise<SearchRef> {
    return this.services.savedSearches.duplicate(searchRefFromArg(target));
  }
}
