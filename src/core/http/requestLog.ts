/** Where a request goes, in the words logs and errors may use: host and path, no query values, never headers. */
export interface RequestTarget {
  host: string;
  /** Path plus the names (not values) of query parameters. */
  path: string;
}

export function describeTarget(url: URL): RequestTarget {
  const keys = [...new Set(url.searchParams.keys())];
  return { host: url.host, path: url.pathname + (keys.length > 0 ? `?${keys.join('&')}` : '') };
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
