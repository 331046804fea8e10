import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { SearchScope } from '../panel/types';
import { Disposable } from '../util/disposable';

const KEY = 'auditLens.recentSearches';
const RECENT_LIMIT = 20;

const recentSchema = z.object({
  query: z.string(),
  scope: z.union([z.literal('all'), z.array(z.string())]),
  at: z.number(),
});
export type RecentSearch = z.infer<typeof recentSchema>;

/** The last 20 searches run, newest first (user storage). */
export class RecentSearches extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    super();
  }

  list(): RecentSearch[] {
    const parsed = z.array(recentSchema).safeParse(this.state.get<unknown>(KEY, []));
    return parsed.success ? parsed.data : [];
  }

  async add(query: string, scope: SearchScope, now = Date.now()): Promise<void> {
    const scopeValue = scope === 'all' ? 'all' : [...scope];
    const same = (r: RecentSearch) => r.query === query && JSON.stringify(r.scope) === JSON.stringify(scopeValue);
    const next = [{ query, scope: scopeValue, at: now }, ...this.list().filter((r) => !same(r))].slice(0, RECENT_LIMIT);
    await this.state.update(KEY, next);
    this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.state.update(KEY, undefined);
    this.changed.fire();
  }
}
