import type * as vscode from 'vscode';
import type { SearchOptions, SearchTarget } from '../../core/search/types';
import type { ColumnId } from '../../shared/columns';

/** Which connections a search runs against. */
export type SearchScope = 'all' | readonly string[];

/** A search as the panel shows it: quick-search text plus scope. */
export interface PanelSearch {
  /** Quick-search language text (DESIGN.md), e.g. `actor:bob since:24h`. */
  query: string;
  scope: SearchScope;
  /** Panel title; derived from the query when absent. */
  title?: string;
  /** Columns a new panel starts with. */
  columns?: readonly ColumnId[];
}

/** The connections a search will run against, and those an "all" search had to leave out. */
export interface ResolvedTargets {
  targets: SearchTarget[];
  /** One sentence per connection left out (no usable credential), for the search's notices. */
  skipped: string[];
}

/** What the extension gives the results panel so it can run, re-run and restore searches. */
export interface SearchBackend {
  /**
   * Connections + credentials for a scope. Named connections must all be usable (else an
   * AuditLensError('config') says why); "all" leaves out the unusable ones and says which.
   */
  resolve(scope: SearchScope): Promise<ResolvedTargets>;
  /** The shared HTTP client and settings-derived options (page sizes, concurrency). */
  searchOptions(): Omit<SearchOptions, 'signal'>;
  /** Default range when a query names none, e.g. `24h`. */
  defaultSince(): string;
  /** Events to load before pausing ("load more" continues). */
  maxEvents(): number;
  connectionLabel(connectionId: string): string;
  /** Told when one connection of a running search fails (e.g. its credential is refused). */
  connectionFailed?(connectionId: string, error: unknown): void;
  /** Watches the targets of a run for changes that must stop it (see `RunGuard`). */
  guard?(targets: readonly SearchTarget[]): RunGuard;
}

/**
 * Whether a run may keep sending its credentials: not once a connection of it was removed or
 * moved to another origin, or its credential deleted.
 */
export interface RunGuard extends vscode.Disposable {
  /** Why the run must stop, naming the connection and what to do; undefined while it may go on. */
  check(): Promise<string | undefined>;
  /** Fires with that reason when such a change happens, and again should the reason change. */
  readonly onDidRevoke: vscode.Event<string>;
}

/** Opens and restores results panels. */
export interface ResultsPanels extends vscode.Disposable {
  show(search: PanelSearch): void;
  /** The search shown in the active results panel, for "save this search". */
  activeSearch(): PanelSearch | undefined;
}
