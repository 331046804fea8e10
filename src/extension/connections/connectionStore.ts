import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type { Connection } from '../../core/model';
import { Disposable } from '../util/disposable';
import { parseConnectionDefinitions, shownEntryIndex, storedIds } from './connectionSchema';

const SECTION = 'auditLens';
const KEY = 'connections';

/** A stored definition as written to settings (never `demo`). */
type Definition = Omit<Connection, 'demo'>;

/** Connections the extension provides itself (the demo); not stored in settings. */
export interface ConnectionSource {
  connections(): Connection[];
  readonly onDidChange: vscode.Event<void>;
}

/**
 * Connection definitions from the USER setting `auditLens.connections` only: the workspace
 * value is never read (a cloned repository must not redirect a stored credential).
 */
export class ConnectionStore extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private reportedProblems = '';

  constructor(private readonly logger: Logger, private readonly extra: ConnectionSource) {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.${KEY}`)) this.changed.fire();
    }));
    this._register(extra.onDidChange(() => this.changed.fire()));
  }

  /** User-defined connections, then the demo's. */
  all(): Connection[] {
    return [...this.userDefined(), ...this.extra.connections()];
  }

  get(id: string): Connection | undefined {
    return this.all().find((c) => c.id === id);
  }

  /** Finds a connection by id, else by label (saved searches shared in a team may use labels). */
  resolve(reference: string): Connection | undefined {
    const all = this.all();
    const wanted = reference.toLowerCase();
    return all.find((c) => c.id === reference) ?? all.find((c) => c.label.toLowerCase() === wanted);
  }

  problems(): string[] {
    return this.parse().problems.map((p) => p.message);
  }

  /** Ids a new connection must not take: every connection's, and those of stored entries that are not valid. */
  takenIds(): Set<string> {
    return new Set([...this.all().map((c) => c.id), ...storedIds(this.rawList())]);
  }

  async upsert(connection: Connection): Promise<void> {
    if (connection.demo) throw new Error('Demo connections are managed by the demo.');
    const definition: Definition = { id: connection.id, label: connection.label, vendor: connection.vendor, baseUrl: connection.baseUrl };
    if (connection.accountId) definition.accountId = connection.accountId;
    const raw = this.rawList();
    const index = shownEntryIndex(raw, connection.id);
    if (index >= 0) raw[index] = definition;
    else raw.push(definition);
    await this.save(raw);
  }

  /** Removes the entry shown for `id`; other entries with that id (reported as problems) stay. */
  async remove(id: string): Promise<void> {
    const raw = this.rawList();
    const index = shownEntryIndex(raw, id);
    if (index < 0) return;
    raw.splice(index, 1);
    await this.save(raw);
  }

  private userDefined(): Connection[] {
    const { connections, problems } = this.parse();
    const summary = problems.map((p) => p.message).join('\n');
    if (summary !== this.reportedProblems) {
      this.reportedProblems = summary;
      if (summary) this.logger.warn(`Ignoring invalid entries of auditLens.connections:\n${summary}`);
    }
    return connections;
  }

  /** The user's definitions; ids the demo uses while it is on are set aside as problems. */
  private parse(): ReturnType<typeof parseConnectionDefinitions> {
    return parseConnectionDefinitions(this.globalValue(), new Set(this.extra.connections().map((c) => c.id)));
  }

  private globalValue(): unknown {
    return vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEY)?.globalValue;
  }

  /**
   * The setting as stored, keeping entries we cannot parse so an edit never loses them. A
   * value that is not a list is the user's to fix: writing a list over it would lose it.
   */
  private rawList(): unknown[] {
    const value = this.globalValue();
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      throw new Error('"auditLens.connections" in your user settings is not a list, so it was left as it is. Open your user settings (JSON), make it a list of connections or remove it, then try again.');
    }
    return [...value];
  }

  private async save(list: unknown[]): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(KEY, list, vscode.ConfigurationTarget.Global);
  }
}
