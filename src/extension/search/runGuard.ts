import * as vscode from 'vscode';
import type { Connection } from '../../core/model';
import type { SearchTarget } from '../../core/search/types';
import { originOf } from '../../core/search/requestBuilder';
import type { ConnectionStore } from '../connections/connectionStore';
import type { RunGuard } from '../panel/types';
import type { CredentialStore } from '../secrets/credentialStore';
import { Disposable } from '../util/disposable';

function originOrUndefined(baseUrl: string): string | undefined {
  try {
    return originOf(baseUrl);
  } catch {
    return undefined;
  }
}

/**
 * Watches the connections of one search: once one is removed or moved to another origin, or
 * its credential deleted, the search must not send the credential it began with again.
 */
export class TargetGuard extends Disposable implements RunGuard {
  private readonly revoked = this._register(new vscode.EventEmitter<string>());
  readonly onDidRevoke = this.revoked.event;
  private said: string | undefined;
  /** Checks may end out of order (a keychain read is slow): only the latest one speaks. */
  private checks = 0;

  constructor(
    private readonly targets: readonly SearchTarget[],
    private readonly connections: Pick<ConnectionStore, 'get' | 'onDidChange'>,
    private readonly credentials: Pick<CredentialStore, 'read' | 'onDidChange'>,
  ) {
    super();
    const ids = new Set(targets.map((t) => t.connection.id));
    this._register(connections.onDidChange(() => this.recheck()));
    this._register(credentials.onDidChange((id) => { if (ids.has(id)) this.recheck(); }));
  }

  async check(): Promise<string | undefined> {
    for (const { connection } of this.targets) {
      const problem = await this.problemOf(connection);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  private recheck(): void {
    const checking = ++this.checks;
    void this.check().then((problem) => {
      if (checking !== this.checks || problem === undefined || problem === this.said || this.isDisposed) return;
      this.said = problem;
      this.revoked.fire(problem);
    });
  }

  private async problemOf(started: Connection): Promise<string | undefined> {
    const current = this.connections.get(started.id);
    if (!current) return `"${started.label}" was removed, so this search stopped. Search again to search the connections left.`;
    const origin = originOf(started.baseUrl);
    const now = originOrUndefined(current.baseUrl);
    if (now !== origin) {
      return `"${current.label}" now points at ${now ?? 'another address'}, so this search of ${origin} stopped. Set its credential for the new address, then search again.`;
    }
    if (started.demo) return undefined;
    let stored;
    try {
      stored = await this.credentials.read(started.id);
    } catch {
      return `The credential of "${current.label}" could not be read from the OS keychain, so this search stopped. Unlock the keychain, then search again.`;
    }
    if (!stored || stored.origin !== origin) {
      return `The credential of "${current.label}" was deleted, so this search stopped. Set it again with "Audit Lens: Set Credential", then search again.`;
    }
    return undefined;
  }
}
