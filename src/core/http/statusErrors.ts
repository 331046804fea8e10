import { AuditLensError, type ErrorReason } from '../errors';
import type { VendorId } from '../model';
import type { VendorErrorInfo } from '../vendors/adapter';
import { formatDuration } from './duration';
import { vendorName } from './vendorNames';

/** What the client knows about a failed exchange beyond the status. */
export interface StatusContext {
  /** Host named by a redirect's Location header. */
  redirectHost?: string;
  /** How many times the request was sent before giving up. */
  attempts?: number;
}

/**
 * The one mapping from an HTTP status (plus the vendor's own error text, when the adapter
 * could parse it) to an AuditLensError whose message says what to do next.
 */
export function errorForStatus(
  vendor: VendorId,
  status: number,
  vendorInfo?: VendorErrorInfo,
  retryAfterMs?: number,
  context: StatusContext = {},
): AuditLensError {
  const name = vendorName(vendor);
  const reason = reasonFor(status, vendorInfo);
  const says = vendorInfo?.message ? ` ${name} says: "${vendorInfo.message}".` : '';
  const ref = vendorInfo?.supportRef ? ` (support reference: ${vendorInfo.supportRef})` : '';
  const tries = context.attempts && context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
  const message = ((): string => {
    switch (reason) {
      case 'redirect':
        return `${name} answered with a redirect (${status}) to ${context.redirectHost ?? 'an unnamed location'}. `
          + 'Redirects are never followed, so nothing was sent there. Set the base URL of this connection to the final address.';
      case 'auth':
        return `${name} refused the credential (${status}).${says} Update the credential for this connection.`;
      case 'permission':
        return `${name} says this credential is not permitted to read audit logs (${status}).${says} `
          + `Use a credential with audit-log access (usually an administrator's), or ask an administrator to enable audit logs for the account${ref}.`;
      case 'config':
        return `${name} does not know this connection's account (${status}).${says} Check the connection's account id (CLI: --account) and base URL.`;
      case 'network':
        // 407 is the only status mapped here: the proxy between us and the vendor answered, not the vendor.
        return `The proxy on the way to ${name} asks for its own sign-in (${status}). Put its user and password in the proxy URL (auditLens.proxy, or HTTPS_PROXY for the CLI), or use a proxy that needs none.`;
      case 'not-found':
        return `${name} has nothing at this address (${status}).${says} Check the base URL of this connection (origin plus any path prefix).`;
      case 'rate-limited':
        return retryAfterMs !== undefined
          ? `${name} is rate limiting this credential (${status}) and asked to wait ${formatDuration(retryAfterMs)} before the next request. Try again after that.`
          : `${name} is still rate limiting this credential (${status})${tries}. Wait a minute and try again, or search a shorter time range.`;
      case 'server':
        return `${name} had a server error (${status})${tries}.${says}`
          + (retryAfterMs !== undefined ? ` It asked to retry in ${formatDuration(retryAfterMs)}.` : '')
          + ` Try again later; if it persists, contact ${name} support${ref}.`;
      default:
        return vendorInfo?.message
          ? `${name} rejected the request (${status}): "${vendorInfo.message}"${ref}. Adjust the search (time range, filters) and try again.`
          : `${name} rejected the request (${status}) without saying why${ref}. Adjust the search (time range, filters) and try again.`;
    }
  })();
  return new AuditLensError(reason, message, {
    vendor, status, retryAfterMs, vendorMessage: vendorInfo?.message, supportRef: vendorInfo?.supportRef,
  });
}

function reasonFor(status: number, vendorInfo?: VendorErrorInfo): ErrorReason {
  if (vendorInfo?.permission) return 'permission';
  if (vendorInfo?.connection && status >= 400 && status < 500) return 'config';
  if (status >= 300 && status < 400) return 'redirect';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not-found';
  if (status === 407) return 'network';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'vendor-validation';
}

/**
 * A non-2xx answer, carrying what the engine needs to re-map it with the vendor's own
 * wording (`withVendorInfo(adapter.parseError(status, body))`). Never carries request headers.
 */
const STATUS_BRAND = Symbol.for('audit-lens.HttpStatusError');

/** Recognises an HttpStatusError also when it comes from another bundle's copy of the class. */
export function isHttpStatusError(value: unknown): value is HttpStatusError {
  return value instanceof HttpStatusError || (typeof value === 'object' && value !== null && STATUS_BRAND in value);
}

export class HttpStatusError extends AuditLensError {
  readonly [STATUS_BRAND] = true;
  override readonly status: number;
  override readonly vendor: VendorId;
  /** Parsed JSON body, the text when it is not JSON, undefined when empty. */
  readonly body: unknown;
  /** Response headers (never request headers; `set-cookie` removed). */
  readonly headers: Readonly<Record<string, string>>;
  readonly context: StatusContext;

  constructor(vendor: VendorId, status: number, body: unknown, headers: Record<string, string>, retryAfterMs?: number, context: StatusContext = {}) {
    const base = errorForStatus(vendor, status, undefined, retryAfterMs, context);
    super(base.reason, base.message, { vendor, status, retryAfterMs });
    this.name = 'HttpStatusError';
    this.vendor = vendor;
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.context = context;
  }

  /** The same failure worded with the vendor's own error text. */
  withVendorInfo(info: VendorErrorInfo | undefined): AuditLensError {
    return errorForStatus(this.vendor, this.status, info, this.retryAfterMs, this.context);
  }
}
