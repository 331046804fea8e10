import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';
import { savedSearchFileSchema, type SavedSearch } from './savedSearchSchema';
import type { SearchStore, StoreState } from './searchStore';

const KEY = 'auditLens.userSearches';

/** Personal saved searches, in the extension's global (user) storage, same shape as the workspace file. */
export class UserSearches extends Disposable implements SearchStore {
  readonly kind = 'user' as const;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly state_: vscode.Memento) {
    super();
  }

  state(): StoreState {
    const raw = this.state_.get<unknown>(KEY);
    if (raw === undefined) return { kind: 'ok', searches: [] };
    const parsed = savedSearchFileSchema.safeParse(raw);
    if (!parsed.success) {
      return { kind: 'broken', message: `your saved searches could not be read (${parsed.error.issues[0]?.message ?? 'invalid'}).` };
    }
    return { kind: 'ok', searches: parsed.data.searches };
  }

  private writableState(): Extract<StoreState, { kind: 'ok' }> {
    const current = this.state();
    if (current.kind !== 'ok') throw new Error(`Cannot change user saved searches: ${current.message}`);
    return current;
  }

  /** `state()` reads storage on every call: nothing is cached to refresh. */
  async reload(): Promise<void> {}

  checkWritable(): void {
    this.writableState();
  }

  async update(change: (searches: SavedSearch[]) => SavedSearch[]): Promise<void> {
    const current = this.writableState();
    const next = savedSearchFileSchema.parse({ version: 1, searches: change([...current.searches]) });
    await this.state_.update(KEY, next);
    this.changed.fire();
  }
}
