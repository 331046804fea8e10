import type { Dispatcher } from 'undici';
import { readCapped, tooLargeError } from './responseBody';
import type { HttpClientOptions, HttpRequest } from './types';

/** Error bodies are only read for the vendor's message; a megabyte is plenty. */
const ERROR_BODY_CAP = 1024 * 1024;

/** One request/response on the wire, before any decision about retrying or decoding. */
export interface RawExchange {
  status: number;
  headers: Record<string, string>;
  /** The body; undefined for redirects and for error bodies beyond their cap. */
  body?: Buffer;
  durationMs: number;
}

type ExchangeOptions = Pick<HttpClientOptions, 'headersTimeoutMs' | 'bodyTimeoutMs' | 'maxResponseBytes'>;

/** Sends once and reads the body, never following redirects and never buffering past the size cap. */
export async function exchange(
  dispatcher: Dispatcher, request: HttpRequest, url: URL, host: string, signal: AbortSignal, options: ExchangeOptions,
): Promise<RawExchange> {
  const started = performance.now();
  const response = await dispatcher.request({
    origin: url.origin,
    path: url.pathname + url.search,
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
  });
  const { statusCode: status, body } = response;
  const headers = flattenHeaders(response.headers);
  if (status >= 300 && status < 400) {
    discard(body); // nothing in a redirect is worth reading
    return { status, headers, durationMs: Math.round(performance.now() - started) };
  }
  const ok = status >= 200 && status < 300;
  const cap = ok ? options.maxResponseBytes : Math.min(ERROR_BODY_CAP, options.maxResponseBytes);
  const declared = Number(headers['content-length']);
  if (ok && declared > cap) {
    discard(body);
    throw tooLargeError(request.vendor, host, cap);
  }
  const buffer = await readCapped(body, cap);
  if (ok && buffer === undefined) throw tooLargeError(request.vendor, host, cap);
  return { status, headers, body: buffer, durationMs: Math.round(performance.now() - started) };
}

/** Drops a body unread; undici then closes its socket rather than reuse it mid-response. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {}); // destroying unread reports an abort nobody needs to hear
  body.destroy();
}

/** Response headers as single strings; cookies are dropped so they can never travel further. */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || name === 'set-cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
