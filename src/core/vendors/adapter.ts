import type {
  AuditEvent, AuditQuery, Connection, Credentials, FieldChange, FilterKey, VendorId,
} from '../model';

/** The part of a request that depends on the vendor; the request builder adds origin and auth. */
export interface VendorRequest {
  method: 'GET' | 'POST';
  /** Appended to the connection's base URL, e.g. `/api/v1/audit/search`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** One contiguous time range the engine pages through (a vendor may need several). */
export interface TimeWindow {
  from: string;
  to: string;
  /** Events may still be arriving here: paged one page at a time (`search/windows.ts`). */
  live?: boolean;
}

/** Which page to fetch: `index` is 0-based in every adapter; the adapter maps it to its vendor's numbering. */
export interface PageCursor {
  window: TimeWindow;
  index: number;
  size: number;
}

/** A record that did not validate: still returned (raw, with what could be read), never dropped. */
export interface RecordWarning {
  eventId: string;
  message: string;
}

export interface NormalizedPage {
  events: AuditEvent[];
  warnings: RecordWarning[];
  /** Records in the vendor's page before normalization (to detect the last page). */
  recordCount: number;
  /** Total matching records in this window, when the vendor says. */
  total?: number;
}

export interface VendorLimits {
  defaultPageSize: number;
  maxPageSize: number;
  /** Longest range one request may cover; longer queries are split into windows. */
  maxWindowMs?: number;
  /** How far back the vendor can search from now; older ranges are narrowed with a warning. */
  reachMs?: number;
  /** The vendor's documented request budget per credential. */
  rateLimit?: { requests: number; perMs: number };
  /** Whether pages may be fetched in parallel once the total is known. */
  parallelPages: boolean;
  /** The vendor returns each window newest first, so a limit may stop paging early. */
  newestFirst?: boolean;
  /** How long after it happened an event can be searched (Perfecto: about an hour). */
  ingestLagMs?: number;
}

/** Vendor error bodies reduced to what the user should read. */
export interface VendorErrorInfo {
  message: string;
  supportRef?: string;
  /** The vendor says the caller lacks permission even if the status is not 403. */
  permission?: boolean;
  /** The vendor blames the connection's own settings (an account it does not know), not the search. */
  connection?: boolean;
}

/**
 * AXP-style sources give snapshots, not diffs: the engine groups events by `key` and asks
 * `diff` for the changes between consecutive snapshots of the same object.
 */
export interface SnapshotDiffing {
  key(event: AuditEvent): string | null;
  diff(older: AuditEvent | null, newer: AuditEvent): readonly FieldChange[];
}

/** Everything the engine needs to know about one vendor. Adapters only describe; they never send. */
export interface VendorAdapter {
  readonly vendor: VendorId;
  readonly label: string;
  readonly limits: VendorLimits;
  /** Whether this vendor's events can carry a trace id; trace searches skip vendors that cannot. */
  readonly carriesTraceIds: boolean;
  /**
   * Filters this query's values let the vendor apply server-side (e.g. Surfsight's userId
   * only when the actor is numeric); the engine applies the rest locally.
   */
  serverFilters(query: AuditQuery): ReadonlySet<FilterKey>;
  /** The fields of a connection this vendor needs, for validation before any request. */
  validateConnection(connection: Connection): string | undefined;
  /** Throws AuditLensError('config') when the credential lacks a part the vendor needs. */
  authHeaders(connection: Connection, credentials: Credentials): Record<string, string>;
  buildRequest(connection: Connection, query: AuditQuery, cursor: PageCursor): VendorRequest;
  /**
   * Never throws for record-level problems; throws AuditLensError('schema') when the envelope
   * is unusable, or an error typed by its meaning when the body is the vendor's own error shape.
   */
  parsePage(body: unknown, cursor: PageCursor): NormalizedPage;
  /** Extracts the vendor's message from an error body, if it has the vendor's shape. */
  parseError(status: number, body: unknown): VendorErrorInfo | undefined;
  readonly snapshots?: SnapshotDiffing;
}
