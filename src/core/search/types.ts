import type { AuditLensError } from '../errors';
import type { HttpClient } from '../http/types';
import type { Logger } from '../log';
import type { AuditEvent, Connection, Credentials, FilterKey, VendorId } from '../model';
import type { RecordWarning } from '../vendors/adapter';

/** One connection to search, with the credential to search it with. */
export interface SearchTarget {
  connection: Connection;
  credentials: Credentials;
  /**
   * Asked once when the vendor refuses `credentials` (401) part-way through a search: the
   * credential may have been renewed (a Surfsight login token) or replaced since the search
   * began. The refused page is sent again with what it returns, if that differs. `signal`
   * aborts when the search ends: a renewal still running is then no longer awaited.
   */
  renewCredentials?: (refused: Credentials, signal: AbortSignal) => Promise<Credentials>;
}

export interface SearchOptions {
  http: HttpClient;
  /** Page size per vendor; the adapter's default otherwise, never above its maximum. */
  pageSize?: Partial<Record<VendorId, number>>;
  /** Pages in flight per connection where the vendor allows parallel pages. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Clock for reach checks (tests pin it). */
  now?: () => number;
  logger?: Logger;
}

export interface SearchProgress {
  pages: number;
  events: number;
  /**
   * Matching events the search will deliver: the sum of the vendors' totals, known only when
   * every connection reported one and none filters locally (then the vendor's total counts
   * records that may not match).
   */
  total?: number;
}

/** What a running search reports, in the order it happens. */
export type SearchUpdate =
  | {
      kind: 'page';
      connectionId: string;
      vendor: VendorId;
      /** New events (de-duplicated by id across the whole search). */
      events: AuditEvent[];
      /** Events yielded earlier whose `changes` were completed by this page (AXP snapshots). */
      revised: AuditEvent[];
      warnings: RecordWarning[];
      progress: SearchProgress;
    }
  | { kind: 'notice'; connectionId: string; vendor: VendorId; message: string }
  | { kind: 'error'; connectionId: string; vendor: VendorId; error: AuditLensError }
  | { kind: 'done'; summary: SearchSummary };

export interface ConnectionSummary {
  connectionId: string;
  vendor: VendorId;
  events: number;
  pages: number;
  total?: number;
  /** Filters this vendor could not apply server-side, applied locally after fetching. */
  localFilters: FilterKey[];
  /** Narrowed ranges, rate-limit waits and the like, in words. */
  notices: string[];
  warnings: number;
  error?: AuditLensError;
  /** Every page of every window was fetched. */
  complete: boolean;
}

export interface SearchSummary {
  connections: ConnectionSummary[];
  events: number;
  /** The query's limit cut the result. */
  limited: boolean;
  cancelled: boolean;
}

