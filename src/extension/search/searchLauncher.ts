import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type { PanelSearch, ResultsPanels } from '../panel/types';
import type { RecentSearches } from '../savedSearches/recentSearches';
import type { ExtensionSettings } from '../settings/extensionSettings';
import type { PromptsHolder } from '../ui/prompts';

/** Where a search to open came from: workspace searches need consent in Restricted Mode. */
export type SearchSource = 'workspace' | 'user' | 'recent' | 'palette' | 'trace' | 'demo';

/** Opens searches in the results panel, remembers them as recent, and guards untrusted ones. */
export class SearchLauncher {
  /** The last search handed to the panel (tests and "save search" fall back to it). */
  lastOpened: PanelSearch | undefined;

  constructor(
    private readonly panels: ResultsPanels,
    private readonly recent: RecentSearches,
    private readonly prompts: PromptsHolder,
    private readonly settings: ExtensionSettings,
    private readonly logger: Logger,
  ) {}

  async open(search: PanelSearch, source: SearchSource): Promise<boolean> {
    if (source === 'workspace' && !vscode.workspace.isTrusted) {
      const confirmed = await this.prompts.current.confirm(
        'This saved search comes from the workspace, which is in Restricted Mode. Run it?',
        'Run Search',
        `Query: ${search.query}\nConnections: ${search.scope === 'all' ? 'all' : search.scope.join(', ')}\nIt is sent with your own credentials.`,
      );
      if (!confirmed) return false;
    }
    this.logger.info(`Opening search "${search.query}" (${search.scope === 'all' ? 'all connections' : search.scope.join(', ')}).`);
    this.lastOpened = search;
    this.panels.show({ ...search, columns: search.columns ?? this.settings.value.columns });
    if (!await this.recent.add(search.query, search.scope)) {
      this.logger.info('This search is not kept under Recent: its query is too long to remember. Save it to keep it.');
    }
    return true;
  }

  activeSearch(): PanelSearch | undefined {
    return this.panels.activeSearch();
  }
}
