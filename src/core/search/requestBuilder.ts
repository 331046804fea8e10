import { AuditLensError } from '../errors';
import type { HttpRequest } from '../http/types';
import type { AuditQuery, Connection, Credentials } from '../model';
import type { PageCursor, VendorAdapter } from '../vendors/adapter';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An address as it may be quoted in a message: everything up to its last `@` (where a user
 * name and password could hide, even in text that is no URL) and any query or fragment are
 * left out, so a secret typed into an address never reaches the tree, the log or stderr.
 */
export function addressForMessage(address: string): string {
  const text = address.trim();
  const at = text.lastIndexOf('@');
  const scheme = /^[a-z][a-z0-9+.-]*:[/\\]+/i.exec(text)?.[0] ?? '';
  const safe = at < 0 ? text : `${scheme}…${text.slice(at)}`;
  const cut = safe.search(/[?#]/);
  return cut < 0 ? safe : `${safe.slice(0, cut)}…`;
}

/**
 * Parses a connection's base URL and refuses anything a credential must not be sent to:
 * only HTTPS, or plain HTTP on loopback (the emulator).
 */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AuditLensError('config', `"${addressForMessage(baseUrl)}" is not a URL. Use the vendor's https:// address.`);
  }
  if (url.username || url.password) {
    throw new AuditLensError('config', 'The base URL must not contain a user name or password. Store the credential separately.');
  }
  if (url.search || url.hash) {
    throw new AuditLensError('config', 'The base URL must not contain a query or fragment.');
  }
  // A bare `?` or `#` reads as '' above but stays in `href`, where the vendor path appended
  // after it would land in the query or fragment: drop it.
  url.search = '';
  url.hash = '';
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new AuditLensError('config', `Refusing to send a credential over ${url.protocol.replace(':', '')} to ${url.host}: use https:// (plain http is allowed only on loopback).`);
  }
  return url;
}

/** The origin a credential is bound to, e.g. `https://acme.app.perfectomobile.com`. */
export function originOf(baseUrl: string): string {
  return parseBaseUrl(baseUrl).origin;
}

/** The one place a (adapter, connection, query, page) becomes an HTTP request. */
export function buildHttpRequest(
  adapter: VendorAdapter,
  connection: Connection,
  credentials: Credentials,
  query: AuditQuery,
  cursor: PageCursor,
  extras: Pick<HttpRequest, 'signal' | 'onWait'> = {},
): HttpRequest {
  const problem = adapter.validateConnection(connection);
  if (problem) throw new AuditLensError('config', problem, { vendor: adapter.vendor });
  const base = parseBaseUrl(connection.baseUrl);
  const vendorRequest = adapter.buildRequest(connection, query, cursor);
  const url = new URL(base.href.replace(/\/+$/, '') + vendorRequest.path);
  // Percent-encoded, not `searchParams` (which writes a space as `+`: only form decoders read that
  // as a space, and AXP's `orderBy=date desc` would then sort by a field named "date+desc").
  const pairs = Object.entries(vendorRequest.query ?? {});
  if (pairs.length > 0) url.search = pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': 'audit-lens',
    ...adapter.authHeaders(connection, credentials),
  };
  let body: string | undefined;
  if (vendorRequest.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(vendorRequest.body);
  }
  const rate = adapter.limits.rateLimit;
  return {
    vendor: adapter.vendor,
    method: vendorRequest.method,
    url: url.href,
    headers,
    body,
    idempotent: true, // every audit request is a read, POST searches included
    rateLimit: rate && { ...rate, key: `${adapter.vendor}:${base.origin}:${credentialKey(credentials)}` },
    ...extras,
  };
}

/** Distinguishes rate budgets per credential without keeping the credential in a key. */
function credentialKey(credentials: Credentials): string {
  let hash = 0;
  for (const ch of credentials.token) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  return hash.toString(36);
}
