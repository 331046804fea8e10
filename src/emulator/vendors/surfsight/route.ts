import { EMULATOR_SURFSIGHT_LOGIN } from '../../credentials';
import { rangeIndexes } from '../../dataset';
import type { EmulatorRequest, EmulatorResponse, RouteContext, VendorRoute } from '../../types';
import { type Entry, entityId, entityOrg, generate, ORGS, wireRecord } from './records';
import { issueToken, tokenValid } from './tokens';

/*
 * Surfsight `GET /v2/audit-logs` and `POST /v2/authenticate`.
 * Errors answer `{ statusCode, error, message }` (the adapter reads `message`).
 * A page above TIMEOUT_RECORDS stands for Surfsight's documented 30-second timeout.
 */

const TIMEOUT_RECORDS = 5000;
const POSITIVE = /^[1-9]\d*$/;
/** OpenAPI `date-time` (RFC 3339): a date, a time and a zone; without one the instant is ambiguous. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const USER_TYPES = ['user', 'partnerContact'];
const ENTITY_TYPES = ['user', 'reseller', 'device', 'organization'];

function fail(status: number, error: string, message: string): EmulatorResponse {
  return { status, body: { statusCode: status, error, message } };
}
const badRequest = (message: string) => fail(400, 'Bad Request', message);

function authenticate(request: EmulatorRequest, context: RouteContext): EmulatorResponse {
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const field of ['email', 'password']) {
    if (typeof body[field] !== 'string' || body[field] === '') return badRequest(`"${field}" is required`);
  }
  if (body.email !== EMULATOR_SURFSIGHT_LOGIN.email || body.password !== EMULATOR_SURFSIGHT_LOGIN.password) {
    return fail(401, 'Unauthorized', 'Invalid email or password');
  }
  return { status: 200, body: { data: { token: issueToken(context.now()) } } };
}

const timeOf = (entry: Entry): number => entry.timeMs;

type Matcher = (item: Entry) => boolean;

/** The documented filters; each returns an error message for a value the vendor rejects. */
function matchers(query: URLSearchParams): Matcher[] | string {
  const result: Matcher[] = [];
  const equals = (name: string, read: (item: Entry) => unknown, pattern?: RegExp, allowed?: string[]): string | undefined => {
    const value = query.get(name);
    if (value === null) return undefined;
    if (pattern && !pattern.test(value)) return `"${name}" with value "${value}" fails to match the required pattern: ${pattern}`;
    if (allowed && !allowed.includes(value)) return `"${name}" must be one of [${allowed.join(', ')}]`;
    result.push((item) => { const v = read(item); return v !== null && v !== undefined && String(v) === value; });
    return undefined;
  };
  const problem =
    equals('userId', (item) => item.actor.userId) ??
    equals('partnerId', (item) => item.actor.partner.id) ??
    equals('userType', (item) => item.actor.userType, undefined, USER_TYPES) ??
    equals('orgId', (item) => item.actor.org?.id, POSITIVE) ??
    equals('imei', (item) => (item.kind.entity === 'device' ? item.imei : null)) ??
    equals('entityId', entityId) ??
    equals('entityType', (item) => item.kind.entity, undefined, ENTITY_TYPES) ??
    equals('entityOrganizationId', (item) => entityOrg(item)?.id, POSITIVE) ??
    equals('entityPartnerId', (item) => entityOrg(item)?.partner.id ?? item.actor.partner.id);
  return problem ?? result;
}

function dateParam(query: URLSearchParams, name: string): number | string {
  const value = query.get(name);
  if (value === null || value === '') return `"${name}" is required`;
  const ms = DATE_TIME.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? `"${name}" must be a valid ISO 8601 date` : ms;
}

function auditLogs(request: EmulatorRequest, context: RouteContext): EmulatorResponse {
  const start = dateParam(request.query, 'start');
  if (typeof start === 'string') return badRequest(start);
  const end = dateParam(request.query, 'end');
  if (typeof end === 'string') return badRequest(end);
  if (end < start) return badRequest('"end" must be greater than or equal to "start"');
  const paging: Record<string, number> = { limit: 0, offset: 0 };
  for (const name of ['limit', 'offset']) {
    const value = request.query.get(name);
    if (value === null) continue;
    if (!POSITIVE.test(value)) return badRequest(`"${name}" with value "${value}" fails to match the required pattern: ${POSITIVE}`);
    paging[name] = Number(value);
  }
  const orgId = request.query.get('orgId');
  if (orgId !== null && POSITIVE.test(orgId) && !ORGS.some((org) => String(org.id) === orgId)) {
    return fail(403, 'Forbidden', `You are not allowed to access organization ${orgId}`);
  }
  const filters = matchers(request.query);
  if (typeof filters === 'string') return badRequest(filters);

  const entries = context.dataset.records('surfsight', generate);
  const [first, last] = rangeIndexes(entries, start, end, timeOf);
  const { limit = 0, offset = 0 } = paging;
  // No limit (the vendor's default "0") means everything after the offset.
  const upTo = (length: number) => (limit > 0 ? Math.min(length, offset + limit) : length);
  let count: number;
  let page: readonly Entry[];
  if (filters.length === 0) {
    count = last - first;
    page = entries.slice(first + offset, first + upTo(count));
  } else {
    const matching: Entry[] = [];
    for (let i = first; i < last; i++) {
      const item = entries[i] as Entry;
      if (filters.every((match) => match(item))) matching.push(item);
    }
    count = matching.length;
    page = matching.slice(offset, upTo(count));
  }
  if (page.length > TIMEOUT_RECORDS) return { status: 504, body: { message: 'Endpoint request timed out' } };
  return { status: 200, body: { data: page.map(wireRecord), metadata: { count, limit, offset } } };
}

export const surfsightRoute: VendorRoute = {
  vendor: 'surfsight',
  handle(request, context) {
    if (request.method === 'POST' && request.path === '/v2/authenticate') return authenticate(request, context);
    if (request.method !== 'GET' || request.path !== '/v2/audit-logs') return fail(404, 'Not Found', 'Not Found');
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
    if (!token) return fail(401, 'Unauthorized', 'Missing authentication token');
    if (!tokenValid(token, context.now())) return fail(401, 'Unauthorized', 'Invalid or expired token');
    return auditLogs(request, context);
  },
};
