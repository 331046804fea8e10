import { EMULATOR_CREDENTIALS } from '../../credentials';
import { rangeIndexes, type Dataset } from '../../dataset';
import { parseIsoTime } from '../../isoTime';
import { rateWindowPer } from '../../rateWindow';
import type { EmulatorResponse, RouteContext, VendorRoute } from '../../types';
import { generate, type StoredItem, type ZluriItem } from './records';

/**
 * Zluri's `GET /ext/v1/audit/list`: 1-based pages of at most 100, oldest first as in the
 * vendor's sample, and the trap VENDORS.md warns about: a range longer than 7 days is
 * silently narrowed to the 7 days before `end_date`.
 */

const LIST_PATH = '/ext/v1/audit/list';
const MAX_RANGE_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_PAGE_SIZE = 100;
const budgetOf = rateWindowPer<Dataset>(100, 60_000);

export const zluriRoute: VendorRoute = {
  vendor: 'zluri',
  handle(request, context) {
    if (request.path !== LIST_PATH || request.method !== 'GET') {
      return failure(404, 'NOT_FOUND', [`Cannot ${request.method} ${request.path}`]);
    }
    const key = request.headers['api-key'];
    if (key !== EMULATOR_CREDENTIALS.zluri.token) return failure(401, 'UNAUTHORIZED', ['Invalid or missing api-key']);
    if (context.rateLimits) {
      const waitMs = budgetOf(context.dataset).take(key, context.now());
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        return {
          ...failure(429, 'RATE_LIMIT_EXCEEDED', [`Too many requests: at most 100 a minute. Retry after ${seconds} seconds.`]),
          headers: { 'retry-after': String(seconds) },
        };
      }
    }
    return list(request.query, context);
  },
};

function list(query: URLSearchParams, context: RouteContext): EmulatorResponse {
  const errors: string[] = [];
  const page = intParam(query.get('page'), 1);
  const pageSize = intParam(query.get('page_size'), MAX_PAGE_SIZE);
  if (!(page >= 1)) errors.push('The page parameter must be equal to or greater than 1.');
  if (!(pageSize >= 1)) errors.push('The page_size parameter must be equal to or greater than 1.');
  else if (pageSize > MAX_PAGE_SIZE) errors.push('The page_size parameter must be equal to or less than 100.');
  const endText = query.get('end_date');
  const startText = query.get('start_date');
  const end = endText === null ? context.now() : parseIsoTime(endText);
  if (end === undefined) errors.push('The end_date parameter must be of ISO 8601 format');
  let start = startText === null ? undefined : parseIsoTime(startText);
  if (startText !== null && start === undefined) errors.push('The start_date parameter must be of ISO 8601 format');
  if (startText === null && end !== undefined) start = end - MAX_RANGE_MS;
  if (start !== undefined && end !== undefined && end <= start) {
    errors.push('The end_date parameter must be a date later than the start_date.');
  }
  if (errors.length > 0 || start === undefined || end === undefined) return failure(400, 'MISC', errors);
  // The documented trap: no error, just the last 7 days of the range.
  if (end - start > MAX_RANGE_MS) start = end - MAX_RANGE_MS;

  const stored = context.dataset.records('zluri', generate);
  const [newest, pastOldest] = rangeIndexes(stored, start, end, (item) => item.ms);
  const count = pastOldest - newest;
  const items: ZluriItem[] = [];
  // Oldest first: ascending position k is stored index pastOldest - 1 - k.
  for (let k = (page - 1) * pageSize; k < Math.min(count, page * pageSize); k++) {
    items.push((stored[pastOldest - 1 - k] as StoredItem).item);
  }
  return {
    status: 200,
    body: {
      count,
      end_date: new Date(end).toISOString(),
      items,
      page,
      page_size: pageSize,
      start_date: new Date(start).toISOString(),
    },
  };
}

/** NaN for anything that is not an integer, so the range checks reject it. */
function intParam(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

function failure(status: number, code: string, messages: string[]): EmulatorResponse {
  return { status, body: { code, errors: messages.map((msg) => ({ msg })) } };
}
