import type { Logger } from '../../core/log';
import type { Connection, Credentials } from '../../core/model';
import type { DemoService } from '../demo/demoService';
import type { CredentialStore } from '../secrets/credentialStore';
import { credentialsOf } from '../secrets/storedCredential';
import type { SharedHttpClient } from '../search/sharedHttpClient';
import { needsRenewal, surfsightLogin } from './surfsightLogin';

/**
 * The credential a search sends: the demo's fake one, or the stored one (origin checked),
 * with a Surfsight login token renewed when its 24 hours are nearly up.
 */
export class CredentialResolver {
  private readonly renewals = new Map<string, Promise<Credentials>>();

  constructor(
    private readonly store: CredentialStore,
    private readonly demo: DemoService,
    private readonly http: SharedHttpClient,
    private readonly logger: Logger,
  ) {}

  async resolve(connection: Connection, now: number = Date.now()): Promise<Credentials> {
    if (connection.demo) return this.demo.credentials(connection.vendor);
    const stored = await this.store.forConnection(connection);
    if (!stored.login || !needsRenewal(stored.expiresAt, now)) return credentialsOf(stored);
    let renewal = this.renewals.get(connection.id);
    if (!renewal) {
      renewal = this.renew(connection, stored.login, now).finally(() => this.renewals.delete(connection.id));
      this.renewals.set(connection.id, renewal);
    }
    return renewal;
  }

  private async renew(connection: Connection, login: { email: string; password: string }, now: number): Promise<Credentials> {
    this.logger.info(`Renewing the Surfsight token of ${connection.id}.`);
    const { token, expiresAt } = await surfsightLogin(this.http, connection.baseUrl, login, now);
    await this.store.write(connection, { token, login, expiresAt });
    return { token };
  }
}
