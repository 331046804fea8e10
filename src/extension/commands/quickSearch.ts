import * as vscode from 'vscode';
import type { PanelSearch, SearchScope } from '../panel/types';
import { checkQuickSearch, describeCheck, QUERY_HINT } from '../search/quickSearchValidation';
import type { Services } from '../services';
import type { Command } from './command';

interface QueryItem extends vscode.QuickPickItem {
  query: string;
}

/** "Audit Lens: Quick Search": pick a connection (or all), type a query with live validation. */
export class QuickSearchCommand implements Command {
  readonly id = 'auditLens.quickSearch' as const;

  constructor(private readonly services: Services) {}

  async execute(scopeArg?: unknown, queryArg?: unknown): Promise<PanelSearch | undefined> {
    const scope = typeof scopeArg === 'string' ? toScope(scopeArg) : await this.pickScope();
    if (scope === undefined) return undefined;
    const query = typeof queryArg === 'string' ? queryArg : await this.askQuery(scope);
    if (query === undefined) return undefined;
    const check = checkQuickSearch(query, this.services.backend.defaultSince());
    if (!check.ok) throw new Error(`The query has a problem: ${describeCheck(query, check)}`);
    const search: PanelSearch = { query, scope };
    await this.services.launcher.open(search, 'palette');
    return search;
  }

  private async pickScope(): Promise<SearchScope | undefined> {
    const connections = this.services.connections.all();
    if (connections.length === 0) {
      throw new Error('There are no connections yet. Run "Audit Lens: Add Connection" or "Audit Lens: Try the Demo".');
    }
    const items = [
      { label: '$(globe) All connections', description: `${connections.length} connections, merged`, scope: 'all' as SearchScope },
      ...connections.map((c) => ({ label: c.label, description: c.vendor + (c.demo ? ' · demo' : ''), scope: [c.id] as SearchScope })),
    ];
    const picked = await this.services.prompts.current.pick(items, { placeHolder: 'Search which connection?', title: 'Audit Lens: Quick Search (1/2)' });
    return picked?.scope;
  }

  /** A QuickPick whose first row is what is typed, checked as you type; recent queries below. */
  private askQuery(scope: SearchScope): Promise<string | undefined> {
    const defaultSince = this.services.backend.defaultSince();
    const recent = [...new Set(this.services.recent.list().map((r) => r.query))];
    const recentItems: QueryItem[] = recent.map((query) => ({ label: query || '(everything)', description: 'recent', query }));
    const picker = vscode.window.createQuickPick<QueryItem>();
    picker.title = 'Audit Lens: Quick Search (2/2)';
    picker.placeholder = `Keys: ${QUERY_HINT}`;
    picker.ignoreFocusOut = true;
    picker.matchOnDescription = false;
    const update = () => {
      const text = picker.value;
      const check = checkQuickSearch(text, defaultSince);
      const typed: QueryItem = {
        label: check.ok ? `$(search) ${text || '(everything)'}` : `$(error) ${text}`,
        description: scope === 'all' ? 'all connections' : scope.join(', '),
        detail: text === '' ? `Default range ${defaultSince}. ${describeCheck(text, check)}` : describeCheck(text, check),
        alwaysShow: true,
        query: text,
      };
      picker.items = [typed, ...recentItems.filter((item) => item.query !== text)];
    };
    update();
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: string | undefined) => {
        if (done) return;
        done = true;
        resolve(value);
        picker.dispose();
      };
      picker.onDidChangeValue(update);
      picker.onDidAccept(() => {
        const chosen = picker.selectedItems[0] ?? picker.activeItems[0];
        const query = chosen?.query ?? picker.value;
        const check = checkQuickSearch(query, defaultSince);
        if (!check.ok) {
          // Only when a recent item was chosen: re-setting the typed value would arrive late and undo keys typed since.
          if (picker.value !== query) picker.value = query;
          update();
          return; // stay open: the detail line says what to fix
        }
        finish(query);
      });
      picker.onDidHide(() => finish(undefined));
      picker.show();
    });
  }
}

function toScope(value: string): SearchScope {
  return value === 'all' ? 'all' : [value];
}
