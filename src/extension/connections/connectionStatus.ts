import * as vscode from 'vscode';
import type { Connection } from '../../core/model';
import type { CredentialStore } from '../secrets/credentialStore';
import { describeError } from '../util/describeError';
import { Disposable } from '../util/disposable';
import { originOf } from '../../core/search/requestBuilder';

export type ConnectionState =
  | { kind: 'ready'; detail?: string }
  | { kind: 'missing-credential' }
  | { kind: 'error'; message: string };

/** What the tree shows next to each connection: ready, missing credential, or the last error. */
export class ConnectionStatus extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly lastErrors = new Map<string, string>();

  constructor(private readonly credentials: CredentialStore) {
    super();
    this._register(credentials.onDidChange((id) => {
      this.lastErrors.delete(id);
      this.changed.fire();
    }));
  }

  setError(connectionId: string, error: unknown): void {
    const message = describeError(error);
    if (message === undefined) return;
    this.lastErrors.set(connectionId, message);
    this.changed.fire();
  }

  clear(connectionId: string): void {
    if (this.lastErrors.delete(connectionId)) this.changed.fire();
  }

  async stateOf(connection: Connection): Promise<ConnectionState> {
    const lastError = this.lastErrors.get(connection.id);
    if (lastError) return { kind: 'error', message: lastError };
    if (connection.demo) return { kind: 'ready', detail: 'demo' };
    let origin: string;
    try {
      origin = originOf(connection.baseUrl);
    } catch (error) {
      return { kind: 'error', message: describeError(error) ?? 'invalid base URL' };
    }
    try {
      const stored = await this.credentials.read(connection.id);
      if (!stored) return { kind: 'missing-credential' };
      if (stored.origin !== origin) {
        return { kind: 'error', message: `The credential was entered for ${stored.origin}, not ${origin}: set it again.` };
      }
      return { kind: 'ready' };
    } catch (error) {
      return { kind: 'error', message: describeError(error) ?? 'keychain error' };
    }
  }
}
