import { AuditLensError, isAuditLensError } from '../errors';
import { isHttpStatusError } from '../http/statusErrors';
import type { VendorAdapter } from '../vendors/adapter';

/** Any failure of a page request as a typed error, worded with the vendor's own message when its body has one. */
export function mapRequestError(adapter: VendorAdapter, error: unknown): AuditLensError {
  if (isHttpStatusError(error)) {
    let info;
    try {
      info = adapter.parseError(error.status, error.body);
    } catch {
      info = undefined;
    }
    return error.withVendorInfo(info);
  }
  if (isAuditLensError(error)) return error;
  return new AuditLensError('network', `${adapter.label}: ${(error as Error)?.message ?? String(error)}`, { vendor: adapter.vendor, cause: error });
}
