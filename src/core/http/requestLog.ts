/** Where a request goes, in the words logs and errors may use: host and path, no query values, never headers. */
export interface RequestTarget {
  host: string;
  /** Path plus the names (not values) of query parameters. */
  path: string;
}

export function describeTarget(url: URL): RequestTarget {
  const keys = queryNames(url.search);
  return { host: url.host, path: url.pathname + (keys.length > 0 ? `?${keys.join('&')}` : '') };
}

/**
 * The distinct names in a query, as `URLSearchParams` reads them: the text before each `=`,
 * decoded. A name without `%` or `+` has nothing to decode, and ours never do, so the
 * `URLSearchParams` (which cost more per request than the rest of this module) is built only
 * for a query that has such a name.
 */
export function queryNames(search: string): string[] {
  const names = new Set<string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    if (/[%+]/.test(name)) return [...new Set(new URLSearchParams(search).keys())];
    names.add(name);
  }
  return [...names];
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'x-amz-request-id', 'x-correlation-id', 'x-trace-id'];

/** The vendor's request id from response headers, when it looks like an id (so nothing odd lands in logs). */
export function requestIdOf(headers: Record<string, string>): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name];
    if (value !== undefined && /^[\w.:/+=-]{1,200}$/.test(value)) return value;
  }
  return undefined;
}
