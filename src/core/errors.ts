import type { VendorId } from './model';

/** Why a request or search failed; the UI and the CLI choose wording and exit codes from it. */
export type ErrorReason =
  | 'auth' // 401: credential refused
  | 'permission' // 403 or vendor "not permitted"
  | 'rate-limited' // 429 after the retry budget, or Retry-After beyond the ceiling
  | 'vendor-validation' // 400/422 with the vendor's own message
  | 'not-found' // 404
  | 'server' // 5xx after the retry budget
  | 'network' // resets, refused connections, DNS
  | 'timeout' // connect/header/body timeout or the overall deadline
  | 'unexpected-content' // HTML instead of JSON, truncated or unparsable JSON
  | 'schema' // a page whose envelope has the wrong shape
  | 'too-large' // response beyond the size cap
  | 'redirect' // a 3xx: never followed
  | 'cancelled'
  | 'config' // bad connection or credential setup (origin mismatch, missing field)
  | 'usage'; // bad query or arguments

export interface AuditLensErrorInit {
  vendor?: VendorId;
  status?: number;
  /** The vendor's own wording, shown to the user. */
  vendorMessage?: string;
  /** A vendor support reference such as Perfecto's `developerMessage`. */
  supportRef?: string;
  /** How long the vendor asked to wait, when it did. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Marks errors so they are recognised across bundles: the extension loads the HTTP client
 * as a bundle of its own, with its own copy of these classes, so `instanceof` is not enough.
 */
const ERROR_BRAND = Symbol.for('audit-lens.AuditLensError');

export class AuditLensError extends Error {
  readonly [ERROR_BRAND] = true;
  readonly reason: ErrorReason;
  readonly vendor?: VendorId;
  readonly status?: number;
  readonly vendorMessage?: string;
  readonly supportRef?: string;
  readonly retryAfterMs?: number;

  constructor(reason: ErrorReason, message: string, init: AuditLensErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AuditLensError';
    this.reason = reason;
    this.vendor = init.vendor;
    this.status = init.status;
    this.vendorMessage = init.vendorMessage;
    this.supportRef = init.supportRef;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Authentication and permission failures: the user must fix the credential. */
  get isCredentialProblem(): boolean {
    return this.reason === 'auth' || this.reason === 'permission';
  }
}

export function isAuditLensError(value: unknown): value is AuditLensError {
  return value instanceof AuditLensError || (typeof value === 'object' && value !== null && ERROR_BRAND in value);
}
