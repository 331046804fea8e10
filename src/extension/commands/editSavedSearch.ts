import { withoutDemoMark } from '../savedSearches/savedSearches';
import { checkQuickSearch, describeCheck, QUERY_HINT } from '../search/quickSearchValidation';
import type { Services } from '../services';
import { searchRefFromArg } from './args';
import type { Command } from './command';

/** Edits a saved search's query in an input validated as you type. */
export class EditSavedSearchCommand implements Command {
  readonly id = 'auditLens.editSavedSearch' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown, newQuery?: unknown): Promise<boolean> {
    const ref = searchRefFromArg(target);
    const current = this.services.savedSearches.find(ref);
    const defaultSince = this.services.backend.defaultSince();
    const validate = (value: string) => {
      const check = checkQuickSearch(value, defaultSince);
      return check.ok ? undefined : describeCheck(value, check);
    };
    const query = typeof newQuery === 'string' ? newQuery : await this.services.prompts.current.input({
      title: `Edit "${current.name}"`, value: current.query, prompt: `Keys: ${QUERY_HINT}`, validateInput: validate,
    });
    if (query === undefined) return false;
    const problem = validate(query);
    if (problem) throw new Error(`The query has a problem: ${problem}`);
    // An edited demo search is the user's: running the demo again keeps it.
    await this.services.savedSearches.replace(ref, (search) => ({ ...withoutDemoMark(search), query }));
    return true;
  }
}
