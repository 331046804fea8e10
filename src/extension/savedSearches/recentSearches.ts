import * as vscode from 'vscode';
import type { SearchScope } from '../panel/types';
import { Disposable } from '../util/disposable';
import { readRecent, withRecent, type RecentSearch } from './recentList';

const KEY = 'auditLens.recentSearches';

/** The last searches run, newest first (user storage). */
export class RecentSearches extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    super();
  }

  list(): RecentSearch[] {
    return readRecent(this.state.get<unknown>(KEY, []));
  }

  /** Remembers a search run; false (and nothing stored) when its query is too long to keep. */
  async add(query: string, scope: SearchScope, now = Date.now()): Promise<boolean> {
    const next = withRecent(this.list(), { query, scope: scope === 'all' ? 'all' : [...scope], at: now });
    if (!next) return false;
    await this.state.update(KEY, next);
    this.changed.fire();
    return true;
  }

  async clear(): Promise<void> {
    await this.state.update(KEY, undefined);
    this.changed.fire();
  }
}
