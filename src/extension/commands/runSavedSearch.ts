import * as z from 'zod/mini';
import type { PanelSearch } from '../panel/types';
import { toPanelSearch } from '../savedSearches/savedSearches';
import type { Services } from '../services';
import { searchRefFromArg } from './args';
import type { Command } from './command';

const recentNode = z.object({
  kind: z.literal('recent'),
  recent: z.object({ query: z.string(), scope: z.union([z.literal('all'), z.array(z.string())]) }),
});

/** Runs a saved (or recent) search; workspace searches ask first in Restricted Mode. */
export class RunSavedSearchCommand implements Command {
  readonly id = 'auditLens.runSavedSearch' as const;

  constructor(private readonly services: Services) {}

  async execute(target?: unknown): Promise<PanelSearch | undefined> {
    const recent = recentNode.safeParse(target);
    if (recent.success) {
      const search: PanelSearch = { query: recent.data.recent.query, scope: recent.data.recent.scope };
      return (await this.services.launcher.open(search, 'recent')) ? search : undefined;
    }
    const ref = searchRefFromArg(target);
    const search = toPanelSearch(this.services.savedSearches.find(ref));
    return (await this.services.launcher.open(search, ref.store)) ? search : undefined;
  }
}
