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

/** What the extension gives the results panel so it can run, re-run and restore searches. */
export interface SearchBackend {
  /** Connections + credentials for a scope; throws AuditLensError('config') with a clear message when one cannot be used. */
  targets(scope: SearchScope): Promise<SearchTarget[]>;
  /** The shared HTTP client and settings-derived options (page sizes, concurrency). */
  searchOptions(): Omit<SearchOptions, 'signal'>;
  /** Default range when a query names none, e.g. `24h`. */
  defaultSince(): string;
  /** Events to load before pausing ("load more" continues). */
  maxEvents(): number;
  connectionLabel(connectionId: string): string;
  /** Told when one connection of a running search fails (e.g. its credential is refused). */
  connectionFailed?(connectionId: string, error: unknown): void;
}

/** Opens and restores results panels. */
export interface ResultsPanels extends vscode.Disposable {
  show(search: PanelSearch): void;
  /** The search shown in the active results panel, for "save this search". */
  activeSearch(): PanelSearch | undefined;
}
