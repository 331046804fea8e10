import * as vscode from 'vscode';
import { AuditLensError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { Connection } from '../../core/model';
import { originOf } from '../../core/search/requestBuilder';
import type { Prompts } from '../ui/prompts';
import { Disposable } from '../util/disposable';
import { parseStoredCredential, sameStoredCredential, serializeStoredCredential, type StoredCredential } from './storedCredential';

const PREFIX = 'auditLens.credential.';
type SecretKey = `${typeof PREFIX}${string}`;

function keyFor(connectionId: string): SecretKey {
  return `${PREFIX}${connectionId}`;
}

/**
 * The typed facade over SecretStorage: one JSON value per connection, bound to the origin
 * it was entered for. Values are never logged. When the OS keychain refuses to store, the
 * user may keep the credential for this session only (memory), never in a file.
 */
export class CredentialStore extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  /** Fires the connection id whose credential changed (in this or another window). */
  readonly onDidChange = this.changed.event;
  private readonly sessionOnly = new Map<string, StoredCredential>();
  /** Writes and deletes of one connection's credential run one at a time, in order. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly logger: Logger,
    private readonly prompts: { readonly current: Prompts },
  ) {
    super();
    this._register(secrets.onDidChange((event) => {
      if (event.key.startsWith(PREFIX)) this.changed.fire(event.key.slice(PREFIX.length));
    }));
  }

  /** The stored value, or undefined when none (or unreadable: logged without the value). */
  async read(connectionId: string): Promise<StoredCredential | undefined> {
    const session = this.sessionOnly.get(connectionId);
    if (session) return session;
    let text: string | undefined;
    try {
      text = await this.secrets.get(keyFor(connectionId));
    } catch (error) {
      this.logger.error(`Could not read the credential of ${connectionId} from the OS keychain: ${(error as Error).message}`);
      throw new AuditLensError('config', 'The OS keychain could not be read. Unlock it (or install a keyring such as gnome-keyring) and try again.', { cause: error });
    }
    const stored = parseStoredCredential(text);
    if (text !== undefined && stored === undefined) {
      this.logger.warn(`The stored credential of ${connectionId} is unreadable; set it again.`);
    }
    return stored;
  }

  /**
   * The credential for a connection, refusing (with the reason) when the connection's
   * base URL has moved to another origin since the credential was entered.
   */
  async forConnection(connection: Connection): Promise<StoredCredential> {
    const stored = await this.read(connection.id);
    if (!stored) {
      throw new AuditLensError('config', `"${connection.label}" has no credential. Run "Audit Lens: Set Credential" on it.`, { vendor: connection.vendor });
    }
    const origin = originOf(connection.baseUrl);
    if (stored.origin !== origin) {
      throw new AuditLensError(
        'config',
        `Refusing to send the credential of "${connection.label}" to ${origin}: it was entered for ${stored.origin}. If the new address is right, set the credential again for it.`,
        { vendor: connection.vendor },
      );
    }
    return stored;
  }

  /** Stores a credential bound to the connection's current origin. Returns where it went. */
  write(connection: Connection, value: Omit<StoredCredential, 'origin'>): Promise<'keychain' | 'session'> {
    return this.serially(connection.id, () => this.writeNow(connection, value));
  }

  /**
   * Stores `value` only if `expected` is still what is stored, with no write or delete of this
   * window between the check and the write (a renewal must not bring back a credential removed
   * meanwhile, or overwrite one set meanwhile; another VS Code window shares the keychain and
   * is not held back). Returns what is stored afterwards.
   */
  replaceIfUnchanged(connection: Connection, expected: StoredCredential, value: Omit<StoredCredential, 'origin'>): Promise<StoredCredential> {
    return this.serially(connection.id, async () => {
      const current = await this.forConnection(connection);
      if (!sameStoredCredential(current, expected)) return current;
      await this.writeNow(connection, value);
      return this.forConnection(connection);
    });
  }

  private async writeNow(connection: Connection, value: Omit<StoredCredential, 'origin'>): Promise<'keychain' | 'session'> {
    const stored: StoredCredential = { ...value, origin: originOf(connection.baseUrl) };
    const text = serializeStoredCredential(stored);
    try {
      await this.secrets.store(keyFor(connection.id), text);
      this.sessionOnly.delete(connection.id);
      this.logger.info(`Stored the credential of ${connection.id} for ${stored.origin}.`);
      return 'keychain';
    } catch (error) {
      this.logger.error(`The OS keychain refused the credential of ${connection.id}: ${(error as Error).message}`);
      const keep = await this.prompts.current.confirm(
        'The OS keychain is not available, so the credential cannot be saved. Keep it for this session only (it is forgotten when the window closes)?',
        'Keep for This Session',
      );
      if (!keep) {
        throw new AuditLensError('config', 'The credential was not saved: the OS keychain is unavailable. Install or unlock a keyring and try again.', { cause: error });
      }
      this.sessionOnly.set(connection.id, stored);
      this.changed.fire(connection.id);
      return 'session';
    }
  }

  delete(connectionId: string): Promise<void> {
    return this.serially(connectionId, async () => {
      // Only the keychain tells of its own changes: a session-only value's end is told here.
      if (this.sessionOnly.delete(connectionId)) this.changed.fire(connectionId);
      try {
        await this.secrets.delete(keyFor(connectionId));
      } catch (error) {
        this.logger.error(`Could not delete the credential of ${connectionId}: ${(error as Error).message}`);
        throw new AuditLensError('config', 'The OS keychain could not delete the credential. Unlock it and try again.', { cause: error });
      }
    });
  }

  private serially<T>(connectionId: string, work: () => Promise<T>): Promise<T> {
    const result = (this.queues.get(connectionId) ?? Promise.resolve()).then(work);
    const settled = result.then(() => undefined, () => undefined);
    this.queues.set(connectionId, settled);
    void settled.then(() => { if (this.queues.get(connectionId) === settled) this.queues.delete(connectionId); });
    return result;
  }
}
