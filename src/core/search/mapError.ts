import { AuditLensError, isAuditLensError } from '../errors';
import { isHttpStatusError } from '../http/statusErrors';
import { redactError } from '../redact';
import type { VendorAdapter } from '../vendors/adapter';

/**
 * Any failure of a page request as a typed error, worded with the vendor's own message when
 * its body has one, and with the request's `secrets` replaced wherever the vendor echoed them.
 */
export function mapRequestError(adapter: VendorAdapter, error: unknown, secrets: readonly (string | undefined)[]): AuditLensError {
  return redactError(typedError(adapter, error), secrets);
}

function typedError(adapter: VendorAdapter, error: unknown): AuditLensError {
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
