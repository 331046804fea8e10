import { AuditLensError } from '../errors';
import type { VendorId } from '../model';
import { BAD_CERT_CODES, codeOf, UNVERIFIED_CERT_CODES } from './errorCodes';
import { PROXY_TUNNEL_DROPPED, PROXY_UNREACHABLE, proxyUnreachableOf, type ProxyUnreachable } from './dispatcher';
import { formatDuration } from './duration';
import type { HttpClientOptions } from './types';
import { vendorName } from './vendorNames';

/** Connection failures worth another try: the peer dropped a connection that had worked. */
const RESET_CODES = new Set([
  'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);

export interface NetworkFailure {
  error: AuditLensError;
  retryable: boolean;
}

type Timeouts = Pick<HttpClientOptions, 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs'>;

/**
 * Turns an error thrown by undici or the socket into an AuditLensError that names the
 * vendor and host. Only the error's code is read: messages of lower layers are not shown.
 */
export function classifyNetworkError(cause: unknown, vendor: VendorId, host: string, timeouts: Timeouts): NetworkFailure {
  const name = vendorName(vendor);
  const code = codeOf(cause);
  const fail = (reason: 'network' | 'timeout', message: string, retryable = false): NetworkFailure => ({
    error: new AuditLensError(reason, message, { vendor, cause }),
    retryable,
  });
  switch (code) {
    case PROXY_UNREACHABLE: {
      const failure = proxyUnreachableOf(cause) as ProxyUnreachable;
      return fail(failure.code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'network', proxyMessage(failure, name, timeouts));
    }
    case 'UND_ERR_CONNECT_TIMEOUT':
      return fail('timeout', `Could not connect to ${name} at ${host} within ${formatDuration(timeouts.connectTimeoutMs)} (connect timeout). Check the base URL, your network and proxy settings.`);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return fail('timeout', `${name} at ${host} did not start answering within ${formatDuration(timeouts.headersTimeoutMs)} (headers timeout). The service may be overloaded; try again later.`);
    case 'UND_ERR_BODY_TIMEOUT':
      return fail('timeout', `${name} at ${host} stopped sending the response for ${formatDuration(timeouts.bodyTimeoutMs)} (body timeout). Try again later, or search a shorter time range.`);
    case PROXY_TUNNEL_DROPPED:
      return fail('network', `The proxy closed the connection while setting up a tunnel to ${name} at ${host}. Check the proxy address and that it allows HTTPS (CONNECT) to ${host}.`, true);
    case 'ECONNREFUSED':
      return fail('network', `${host} refused the connection to ${name}. Check the base URL and that the service is reachable from here.`);
  }
  if (code && RESET_CODES.has(code)) {
    return fail('network', `The connection to ${name} at ${host} was closed before the response was complete (${code}). Check your network or proxy and try again.`, true);
  }
  if (code && DNS_CODES.has(code)) {
    return fail('network', `The host name ${host} of ${name} could not be resolved (${code}). Check the base URL and your DNS or proxy settings.`);
  }
  if (code && UNVERIFIED_CERT_CODES.has(code)) {
    return fail('network', `The TLS certificate of ${host} could not be verified (${code}). If a company proxy inspects TLS, add its CA certificate in the Audit Lens settings.`);
  }
  if (code && BAD_CERT_CODES.has(code)) {
    return fail('network', `The TLS certificate of ${host} is expired, not yet valid or issued for another name (${code}). Check the base URL, or ask the service's owner.`);
  }
  return fail('network', `Could not reach ${name} at ${host}${code ? ` (${code})` : ''}. Check the base URL, your network and proxy settings.`);
}

/** Says the proxy, not the vendor, could not be reached, and which variable or setting to check. */
function proxyMessage({ proxy, code }: ProxyUnreachable, name: string, timeouts: Timeouts): string {
  const which = `The proxy ${proxy.host} (from ${proxy.source})`;
  const check = `Check ${proxy.source}, and that the proxy is running and reachable from here; nothing was sent to ${name}.`;
  if (code === 'ECONNREFUSED') return `${which} refused the connection. ${check}`;
  if (DNS_CODES.has(code)) return `${which} has a host name that could not be resolved (${code}). ${check}`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `${which} did not accept a connection within ${formatDuration(timeouts.connectTimeoutMs)}. ${check}`;
  return `${which} could not be reached (${code}). ${check}`;
}
