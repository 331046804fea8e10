import { AuditLensError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { Connection } from '../../core/model';
import type { SearchOptions, SearchTarget } from '../../core/search/types';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionStatus } from '../connections/connectionStatus';
import { offerCredentialUpdate } from '../connections/credentialProblem';
import type { CredentialResolver } from '../connections/credentialResolver';
import type { DemoService } from '../demo/demoService';
import type { ResolvedTargets, RunGuard, SearchBackend, SearchScope } from '../panel/types';
import type { ExtensionSettings } from '../settings/extensionSettings';
import type { PromptsHolder } from '../ui/prompts';
import { describeError } from '../util/describeError';
import { TargetGuard } from './runGuard';
import type { SharedHttpClient } from './sharedHttpClient';

/** What the results panel searches with: connections + credentials, options from settings. */
export class ExtensionSearchBackend implements SearchBackend {
  constructor(
    private readonly connections: ConnectionStore,
    private readonly credentials: CredentialResolver,
    private readonly demo: DemoService,
    private readonly settings: ExtensionSettings,
    private readonly http: SharedHttpClient,
    private readonly status: ConnectionStatus,
    private readonly prompts: PromptsHolder,
    private readonly logger: Logger,
  ) {}

  async resolve(scope: SearchScope): Promise<ResolvedTargets> {
    let chosen = this.select(scope);
    if (chosen.some((c) => c.demo)) {
      await this.demo.ensureStarted();
      chosen = this.select(scope); // demo base URLs are known once the emulator runs
    }
    if (scope !== 'all') {
      const targets = await Promise.all(chosen.map(async (connection) => {
        try {
          return await this.target(connection);
        } catch (error) {
          this.unusable(connection, error);
          throw error;
        }
      }));
      return { targets, skipped: [] };
    }
    // "All" searches whatever is usable; connections without a credential are left out, and said so.
    const skipped: string[] = [];
    const settled = await Promise.all(chosen.map(async (connection) => {
      try {
        return await this.target(connection);
      } catch (error) {
        this.unusable(connection, error);
        const why = describeError(error) ?? 'no usable credential';
        skipped.push(`${connection.label} was not searched: ${why}`);
        this.logger.warn(`Skipping ${connection.label}: ${why}`);
        return undefined;
      }
    }));
    const targets = settled.filter((t): t is SearchTarget => t !== undefined);
    if (targets.length === 0) {
      throw new AuditLensError('config', chosen.length === 0
        ? 'There are no connections yet. Add one, or run "Audit Lens: Try the Demo".'
        : 'No connection has a usable credential. Set one with "Audit Lens: Set Credential".');
    }
    return { targets, skipped };
  }

  guard(targets: readonly SearchTarget[]): RunGuard {
    return new TargetGuard(targets, this.connections, this.credentials.store);
  }

  /** A connection failed mid-search: the tree shows it, and a refused credential is offered for replacement. */
  connectionFailed(connectionId: string, error: unknown): void {
    this.status.setError(connectionId, error);
    const connection = this.connections.get(connectionId);
    if (connection) offerCredentialUpdate(connection, error, this.prompts.current);
  }

  searchOptions(): Omit<SearchOptions, 'signal'> {
    return { http: this.http, pageSize: this.settings.value.pageSize, logger: this.logger };
  }

  defaultSince(): string {
    return this.settings.value.defaultTimeRange;
  }

  maxEvents(): number {
    return this.settings.value.maxEvents;
  }

  connectionLabel(connectionId: string): string {
    return this.connections.get(connectionId)?.label ?? connectionId;
  }

  /**
   * A stored credential comes with a way to take the one stored now when the vendor refuses it
   * mid-search (replaced meanwhile, or a Surfsight login signing in again).
   */
  private async target(connection: Connection): Promise<SearchTarget> {
    const credentials = await this.credentials.resolve(connection);
    if (connection.demo) return { connection, credentials };
    return { connection, credentials, renewCredentials: (refused) => this.credentials.afterRefusal(connection, refused) };
  }

  /** The tree shows why; a refused credential (a Surfsight sign-in, say) is offered for replacement. */
  private unusable(connection: Connection, error: unknown): void {
    this.status.setError(connection.id, error);
    offerCredentialUpdate(connection, error, this.prompts.current);
  }

  private select(scope: SearchScope): Connection[] {
    const all = this.connections.all();
    if (scope === 'all') return all;
    return scope.map((reference) => {
      const connection = this.connections.resolve(reference);
      if (!connection) {
        throw new AuditLensError('config', `There is no connection "${reference}". Add it, or edit the search to name an existing connection.`);
      }
      return connection;
    });
  }
}
