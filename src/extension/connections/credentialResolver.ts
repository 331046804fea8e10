import type { HttpClient } from '../../core/http/types';
import type { Logger } from '../../core/log';
import type { Connection, Credentials } from '../../core/model';
import type { DemoService } from '../demo/demoService';
import type { CredentialStore } from '../secrets/credentialStore';
import { credentialsOf, sameStoredCredential, type StoredCredential } from '../secrets/storedCredential';
import { needsRenewal, surfsightLogin } from './surfsightLogin';

type Store = Pick<CredentialStore, 'read' | 'forConnection' | 'replaceIfUnchanged' | 'onDidChange'>;

/**
 * The credential a search sends: the demo's fake one, or the stored one (origin checked),
 * with a Surfsight login token renewed when its 24 hours are nearly up.
 */
export class CredentialResolver {
  /** One sign-in at a time per connection; every search asking meanwhile gets its result. */
  private readonly renewals = new Map<string, Promise<Credentials>>();

  constructor(
    /** The keychain it reads; what watches a running search's credentials reads it too. */
    readonly store: Store,
    private readonly demo: Pick<DemoService, 'credentials'>,
    private readonly http: HttpClient,
    private readonly logger: Logger,
  ) {}

  async resolve(connection: Connection, now: number = Date.now()): Promise<Credentials> {
    if (connection.demo) return this.demo.credentials(connection.vendor);
    const stored = await this.store.forConnection(connection);
    if (!stored.login || !needsRenewal(stored.expiresAt, now)) return credentialsOf(stored);
    return this.renewOnce(connection, stored, now);
  }

  /**
   * What to send after the vendor refused `refused` mid-search: the credential stored now
   * (it may have been replaced since the search began), origin checked; a Surfsight login
   * whose stored token is the refused one signs in again, however long the token had left.
   */
  async afterRefusal(connection: Connection, refused: Credentials, now: number = Date.now()): Promise<Credentials> {
    if (connection.demo) return this.demo.credentials(connection.vendor);
    const stored = await this.store.forConnection(connection);
    if (!stored.login || (stored.token !== refused.token && !needsRenewal(stored.expiresAt, now))) return credentialsOf(stored);
    return this.renewOnce(connection, stored, now, refused.token);
  }

  private renewOnce(connection: Connection, read: StoredCredential, now: number, refusedToken?: string): Promise<Credentials> {
    let renewal = this.renewals.get(connection.id);
    if (!renewal) {
      renewal = this.renew(connection, read, now, refusedToken).finally(() => this.renewals.delete(connection.id));
      this.renewals.set(connection.id, renewal);
    }
    return renewal;
  }

  /**
   * `read` may be stale: a read that began before another renewal (or a Set Credential)
   * finished. The store is read again before signing in and before writing, so a second
   * sign-in is not made for a token already replaced, and a newer value is never overwritten.
   */
  private async renew(connection: Connection, read: StoredCredential, now: number, refusedToken: string | undefined): Promise<Credentials> {
    const before = await this.store.forConnection(connection);
    const replaced = !sameStoredCredential(before, read);
    if (!before.login || (replaced && before.token !== refusedToken && !needsRenewal(before.expiresAt, now))) return credentialsOf(before);
    const { login } = before;
    this.logger.info(`Renewing the Surfsight token of ${connection.id}.`);
    const { token, expiresAt } = await surfsightLogin(this.http, connection.baseUrl, login, now);
    const after = await this.store.replaceIfUnchanged(connection, before, { token, login, expiresAt });
    if (after.token !== token) this.logger.info(`The credential of ${connection.id} changed while its token was renewed; the new one is kept.`);
    return credentialsOf(after);
  }
}
