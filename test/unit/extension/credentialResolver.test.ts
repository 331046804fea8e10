import * as assert from 'node:assert/strict';
import { AuditLensError, isAuditLensError } from '../../../src/core/errors';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient } from '../../../src/core/http/types';
import { silentLogger } from '../../../src/core/log';
import type { Connection, Credentials } from '../../../src/core/model';
import { originOf } from '../../../src/core/search/requestBuilder';
import { EMULATOR_CREDENTIALS, EMULATOR_SURFSIGHT_LOGIN } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { CredentialResolver } from '../../../src/extension/connections/credentialResolver';
import { sameStoredCredential, type StoredCredential } from '../../../src/extension/secrets/storedCredential';

const HOUR = 3_600_000;

/**
 * The keychain as the resolver sees it, in memory: origin-checked like CredentialStore. A read
 * answers with the value as it was when asked, after `readDelays[n]` ms for the n-th read
 * (a slow OS keychain), so a read can return a value replaced meanwhile.
 */
class MemoryKeychain {
  value: StoredCredential | undefined;
  readonly readDelays: number[] = [];
  reads = 0;
  writes = 0;

  readonly onDidChange = () => ({ dispose: () => undefined });

  async read(): Promise<StoredCredential | undefined> {
    return this.value;
  }

  async forConnection(connection: Connection): Promise<StoredCredential> {
    const snapshot = this.value;
    const delay = this.readDelays[this.reads++] ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (!snapshot) throw new AuditLensError('config', `"${connection.label}" has no credential. Run "Audit Lens: Set Credential" on it.`);
    if (snapshot.origin !== originOf(connection.baseUrl)) throw new AuditLensError('config', `Refusing to send the credential of "${connection.label}" to ${originOf(connection.baseUrl)}.`);
    return snapshot;
  }

  async write(connection: Connection, value: Omit<StoredCredential, 'origin'>): Promise<'keychain'> {
    this.writes++;
    this.value = { ...value, origin: originOf(connection.baseUrl) };
    return 'keychain';
  }

  /** As CredentialStore's: no change can land between the check and the write. */
  async replaceIfUnchanged(connection: Connection, expected: StoredCredential, value: Omit<StoredCredential, 'origin'>): Promise<StoredCredential> {
    const current = this.value;
    if (!current) throw new AuditLensError('config', `"${connection.label}" has no credential. Run "Audit Lens: Set Credential" on it.`);
    if (!sameStoredCredential(current, expected)) return current;
    await this.write(connection, value);
    return this.value as StoredCredential;
  }
}

const demo = { credentials: (): Credentials => { throw new Error('no demo connection in these tests'); } };

describe('extension: the credential resolver (Surfsight renewal, credentials replaced mid-search)', () => {
  let emulator: Emulator;
  let http: HttpClient;
  let keychain: MemoryKeychain;
  let resolver: CredentialResolver;
  let surfsight: Connection;
  let zluri: Connection;

  before(async () => {
    emulator = await startEmulator({ rateLimits: false });
    http = createHttpClient({ deadlineMs: 10_000 });
    surfsight = { id: 'fleet', label: 'Fleet', vendor: 'surfsight', baseUrl: emulator.baseUrl('surfsight') };
    zluri = { id: 'team', label: 'Team', vendor: 'zluri', baseUrl: emulator.baseUrl('zluri') };
  });

  beforeEach(() => {
    keychain = new MemoryKeychain();
    resolver = new CredentialResolver(keychain, demo, http, silentLogger);
    emulator.faults.clear();
  });

  after(async () => {
    await http.close();
    await emulator.close();
  });

  const signIns = () => emulator.requests.filter((r) => r.path === '/v2/authenticate').length;
  const loginStored = (token: string, expiresAt: number): StoredCredential => ({ token, login: { ...EMULATOR_SURFSIGHT_LOGIN }, expiresAt, origin: originOf(surfsight.baseUrl) });

  describe('resolve', () => {
    it('a search whose keychain read began before a renewal ended gets the renewed token, without a second sign-in', async () => {
      keychain.value = loginStored('expired-token', Date.now() - 1000);
      keychain.readDelays[1] = 300; // the second search's read answers long after the first renewal ended
      const before = signIns();
      const [first, second] = await Promise.all([resolver.resolve(surfsight), resolver.resolve(surfsight)]);
      assert.equal(signIns() - before, 1, 'one sign-in');
      assert.notEqual(first.token, 'expired-token');
      assert.equal(second.token, first.token);
      assert.equal(keychain.value?.token, first.token);
      assert.equal(keychain.writes, 1);
    });

    it('a credential set while the renewal signs in is kept, and is what the search gets', async () => {
      keychain.value = loginStored('expired-token', Date.now() - 1000);
      emulator.faults.add({ fault: { kind: 'latency', ms: 400 }, vendor: 'surfsight', times: 1 });
      const resolving = resolver.resolve(surfsight);
      await new Promise((r) => setTimeout(r, 150));
      keychain.value = { token: EMULATOR_CREDENTIALS.surfsight.token, origin: originOf(surfsight.baseUrl) };
      assert.deepEqual(await resolving, { token: EMULATOR_CREDENTIALS.surfsight.token });
      assert.deepEqual(keychain.value, { token: EMULATOR_CREDENTIALS.surfsight.token, origin: originOf(surfsight.baseUrl) }, 'not overwritten by the old login');
      assert.equal(keychain.writes, 0);
    });

    it('a credential deleted while the renewal signs in stays deleted, and the search is refused', async () => {
      keychain.value = loginStored('expired-token', Date.now() - 1000);
      emulator.faults.add({ fault: { kind: 'latency', ms: 400 }, vendor: 'surfsight', times: 1 });
      const resolving = resolver.resolve(surfsight);
      await new Promise((r) => setTimeout(r, 150));
      keychain.value = undefined;
      await assert.rejects(resolving, /"Fleet" has no credential/);
      assert.equal(keychain.value, undefined);
    });

    it('a token far from expiry is used as stored, without signing in', async () => {
      keychain.value = loginStored('fresh-token', Date.now() + 20 * HOUR);
      const before = signIns();
      assert.deepEqual(await resolver.resolve(surfsight), { token: 'fresh-token' });
      assert.equal(signIns(), before);
    });
  });

  describe('afterRefusal (the engine asks it on a 401 mid-search)', () => {
    it('returns the credential stored now when it was replaced since the search began', async () => {
      keychain.value = { token: 'replaced-key', origin: originOf(zluri.baseUrl) };
      assert.deepEqual(await resolver.afterRefusal(zluri, { token: 'old-key' }), { token: 'replaced-key' });
    });

    it('returns the same credential when nothing replaced it (the engine then reports the refusal)', async () => {
      keychain.value = { token: 'old-key', origin: originOf(zluri.baseUrl) };
      assert.deepEqual(await resolver.afterRefusal(zluri, { token: 'old-key' }), { token: 'old-key' });
    });

    it('refuses when the credential was deleted or the connection moved to another origin', async () => {
      keychain.value = undefined;
      await assert.rejects(resolver.afterRefusal(zluri, { token: 'old-key' }), /"Team" has no credential/);
      keychain.value = { token: 'old-key', origin: 'https://elsewhere.example' };
      await assert.rejects(resolver.afterRefusal(zluri, { token: 'old-key' }), /Refusing to send the credential of "Team"/);
    });

    it('signs in again for a Surfsight login whose refused token is the stored one, though hours remain', async () => {
      keychain.value = loginStored('revoked-token', Date.now() + 20 * HOUR);
      const before = signIns();
      const renewed = await resolver.afterRefusal(surfsight, { token: 'revoked-token' });
      assert.equal(signIns() - before, 1);
      assert.notEqual(renewed.token, 'revoked-token');
      assert.equal(keychain.value?.token, renewed.token);
      assert.ok((keychain.value?.expiresAt ?? 0) > Date.now() + 23 * HOUR);
    });

    it('does not sign in when another search already renewed the refused token', async () => {
      keychain.value = loginStored('renewed-elsewhere', Date.now() + 24 * HOUR);
      const before = signIns();
      assert.deepEqual(await resolver.afterRefusal(surfsight, { token: 'revoked-token' }), { token: 'renewed-elsewhere' });
      assert.equal(signIns(), before);
    });

    it('says the email and password were refused, never repeating the password', async () => {
      keychain.value = { ...loginStored('revoked-token', Date.now() + 20 * HOUR), login: { email: EMULATOR_SURFSIGHT_LOGIN.email, password: 'changed-Pa55-x9' } };
      await assert.rejects(resolver.afterRefusal(surfsight, { token: 'revoked-token' }), (error: unknown) => {
        assert.ok(isAuditLensError(error));
        assert.equal(error.reason, 'auth');
        assert.match(error.message, /Surfsight refused the email and password/);
        assert.ok(!JSON.stringify({ ...error, message: error.message }).includes('changed-Pa55-x9'));
        return true;
      });
      assert.equal(keychain.value?.token, 'revoked-token', 'the stored login is left for the user to replace');
    });
  });
});
