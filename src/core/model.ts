/** The normalized data every adapter produces and every view consumes (DESIGN.md). */

export const VENDORS = ['perfecto', 'axp', 'descope', 'surfsight', 'zluri'] as const;
export type VendorId = (typeof VENDORS)[number];

export function isVendorId(value: unknown): value is VendorId {
  return typeof value === 'string' && (VENDORS as readonly string[]).includes(value);
}

/** Read-only: events of one search share one object per distinct actor (`sharing/sharedParts.ts`). */
export interface AuditActor {
  readonly id: string | null;
  readonly name: string | null;
  readonly type: string | null;
  readonly role: string | null;
}

/** Read-only, shared like `AuditActor`. */
export interface AuditResource {
  readonly type: string | null;
  readonly id: string | null;
  readonly name: string | null;
}

export type AuditStatus = 'success' | 'failure' | null;

/** One changed field. `old` is null where the vendor reports new values only (Descope). */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** The change list of every event without changes: one shared, frozen list instead of 100k empty arrays. */
export const NO_CHANGES: readonly FieldChange[] = Object.freeze([]);

export interface AuditEvent {
  vendor: VendorId;
  /** The vendor's id, or a stable content hash where the vendor has none (AXP). */
  id: string;
  /** ISO-8601 UTC with milliseconds, e.g. `2025-12-04T11:17:24.983Z`. */
  time: string;
  actor: AuditActor;
  action: string;
  resource: AuditResource;
  status: AuditStatus;
  /** Plain text: vendor HTML reduced to text. */
  description: string | null;
  /** Perfecto `trace_id`, Surfsight `requestId`. */
  traceId: string | null;
  /** Never changed in place: the snapshot linker assigns a new list when it revises one. */
  changes: readonly FieldChange[];
  /** The vendor's record exactly as received. */
  raw: Record<string, unknown>;
}

/** The filters of a query, each applied server-side where the vendor can, locally otherwise. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  status?: 'success' | 'failure';
  traceId?: string;
  /** Free text, matched case-insensitively anywhere in the event. */
  text?: string;
}

export type FilterKey = keyof AuditFilters;
export const FILTER_KEYS: readonly FilterKey[] = [
  'actor', 'action', 'resourceType', 'resourceId', 'status', 'traceId', 'text',
];

/** A resolved query: an absolute time range plus filters. */
export interface AuditQuery extends AuditFilters {
  /** ISO-8601, inclusive. */
  from: string;
  /** ISO-8601, inclusive. */
  to: string;
  /** Stop after this many events (newest first). */
  limit?: number;
}

/** Where a vendor API lives. Definitions are user-level; they never hold a credential. */
export interface Connection {
  id: string;
  label: string;
  vendor: VendorId;
  /** Origin plus any path prefix; the adapter appends its vendor path. */
  baseUrl: string;
  /** AXP account id. */
  accountId?: string;
  /** Marks the connections of the built-in demo. */
  demo?: boolean;
}

/** What a connection authenticates with. Never logged, never persisted outside SecretStorage. */
export interface Credentials {
  /**
   * Perfecto security token, Descope `ProjectId:ManagementKey`, Surfsight bearer token,
   * Zluri API key, AXP bearer token.
   */
  token: string;
  /** AXP app key. */
  appKey?: string;
}
