import { AuditLensError, isAuditLensError } from '../../core/errors';
import { BAD_CERT_CODES, codeOf, UNVERIFIED_CERT_CODES } from '../../core/http/errorCodes';

/**
 * The HTTP client's advice for an unverified server certificate is to add a CA in the
 * settings. When `auditLens.extraCaFile` is already set that advice is wrong: say instead that
 * the file's certificates did not verify the server. Any other error is returned unchanged.
 */
export function withExtraCaAdvice(error: unknown, caFile: string, url: string): unknown {
  if (caFile === '' || !isAuditLensError(error) || error.reason !== 'network') return error;
  const code = tlsCode(error.cause);
  if (code === undefined) return error;
  const host = new URL(url).host;
  const advice = UNVERIFIED_CERT_CODES.has(code)
    ? `neither the certificates in ${caFile} nor the public roots verified the server. Check that the file holds the CA that issued the certificate of ${host} (for a TLS-inspecting proxy, the proxy's root CA).`
    : `the server's certificate itself is expired or issued for another name, which no CA file can fix. Check the base URL, or ask the service's owner.`;
  return new AuditLensError('network',
    `The TLS certificate of ${host} could not be verified (${code}), although auditLens.extraCaFile is set: ${advice}`,
    { ...(error.vendor ? { vendor: error.vendor } : {}), cause: error.cause });
}

function tlsCode(cause: unknown): string | undefined {
  const code = codeOf(cause);
  return code !== undefined && (UNVERIFIED_CERT_CODES.has(code) || BAD_CERT_CODES.has(code)) ? code : undefined;
}
