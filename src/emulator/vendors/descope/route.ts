import { EMULATOR_CREDENTIALS } from '../../credentials';
import { rangeIndexes, type Dataset } from '../../dataset';
import { rateWindowPer } from '../../rateWindow';
import type { EmulatorRequest, EmulatorResponse, RouteContext, VendorRoute } from '../../types';
import { type DescopeAudit, generate, PROJECT_ID } from './records';

/** Descope's `POST /v1/mgmt/audit/search`, with its 10-a-minute budget and 30-day reach. */

const SEARCH_PATH = '/v1/mgmt/audit/search';
const MAX_BATCH = 1000;
const REACH_MS = 30 * 24 * 60 * 60 * 1000;
const budgetOf = rateWindowPer<Dataset>(10, 60_000);

export const descopeRoute: VendorRoute = {
  vendor: 'descope',
  handle(request, context) {
    if (request.path !== SEARCH_PATH) return error(404, 'E011001', 'Not found', `No route for ${request.path}`);
    if (request.method !== 'POST') return error(405, 'E011001', 'Method not allowed', `${request.method} is not supported; use POST`);
    const token = bearer(request);
    if (token !== EMULATOR_CREDENTIALS.descope.token) {
      return error(401, 'E011003', 'Unauthorized', 'Invalid project id or management key');
    }
    if (context.rateLimits) {
      const waitMs = budgetOf(context.dataset).take(PROJECT_ID, context.now());
      if (waitMs > 0) {
        return {
          ...error(429, 'E130429', 'https://docs.descope.com/rate-limit', 'API rate limit exceeded.'),
          headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) },
        };
      }
    }
    return search(request.body, context);
  },
};

function search(body: unknown, context: RouteContext): EmulatorResponse {
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    return invalid('The request body must be a JSON object');
  }
  const options = (body ?? {}) as Record<string, unknown>;
  const now = context.now();
  const from = timeOption(options.from, now - REACH_MS);
  const to = timeOption(options.to, now);
  if (from === undefined) return invalid('"from" must be epoch milliseconds');
  if (to === undefined) return invalid('"to" must be epoch milliseconds');
  if (from > to) return invalid('"from" must not be later than "to"');
  const page = intOption(options.page, 0);
  const batchSize = intOption(options.batchSize ?? options.limit, 0);
  if (page === undefined || page < 0) return invalid('"page" must be a non-negative integer');
  if (batchSize === undefined || batchSize < 0) return invalid('"batchSize" must be a non-negative integer');
  const size = batchSize === 0 ? MAX_BATCH : Math.min(batchSize, MAX_BATCH);

  const records = context.dataset.records('descope', generate);
  // Searches reach back 30 days at most: an older `from` is narrowed, not refused.
  const inRange = records.slice(...rangeIndexes(records, Math.max(from, now - REACH_MS), to, (stored) => stored.ms));
  const matches = matcher(options);
  const selected = matches ? inRange.filter((stored) => matches(stored.audit)) : inRange;
  const audits = selected.slice(page * size, page * size + size).map((stored) => stored.audit);
  return { status: 200, body: { audits, total: selected.length } };
}

function bearer(request: EmulatorRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/**
 * Epoch ms as a number (Descope's Node SDK) or a numeric string (the reference types it
 * `string`, as JSON APIs write 64-bit integers). Nothing documents an ISO date here, so
 * one is refused rather than silently understood.
 */
function timeOption(value: unknown, fallback: number): number | undefined {
  // Zero in either spelling is the JSON mapping's default value: the field was not set.
  if (value === undefined || value === null || value === 0 || value === '0' || value === '') return fallback;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function intOption(value: unknown, fallback: number): number | undefined {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Descope's list filters: exact, case-sensitive membership. Null when none is set. */
function matcher(options: Record<string, unknown>): ((audit: DescopeAudit) => boolean) | null {
  const list = (key: string): string[] | null => {
    const value = options[key];
    return Array.isArray(value) && value.length > 0 ? value.filter((item): item is string => typeof item === 'string') : null;
  };
  const userIds = list('userIds');
  const actorIds = list('actorIds');
  const actions = list('actions');
  const excluded = list('excludedActions');
  const devices = list('devices');
  const methods = list('methods');
  const geos = list('geos');
  const addresses = list('remoteAddresses');
  const loginIds = list('externalIds') ?? list('loginIds');
  const tenants = list('tenants');
  const noTenants = options.noTenants === true;
  const text = typeof options.text === 'string' && options.text !== '' ? options.text.toLowerCase() : null;
  const checks: ((audit: DescopeAudit) => boolean)[] = [];
  const member = (values: string[] | null, read: (audit: DescopeAudit) => string | undefined): void => {
    if (values) checks.push((audit) => values.includes(read(audit) ?? ''));
  };
  member(userIds, (audit) => audit.userId);
  member(actorIds, (audit) => audit.actorId);
  member(actions, (audit) => audit.action);
  member(devices, (audit) => audit.device);
  member(methods, (audit) => audit.method);
  member(geos, (audit) => audit.geo);
  member(addresses, (audit) => audit.remoteAddress);
  if (excluded) checks.push((audit) => !excluded.includes(audit.action));
  if (loginIds) checks.push((audit) => (audit.externalIds ?? []).some((id) => loginIds.includes(id)));
  if (tenants) {
    checks.push((audit) => (noTenants && !audit.tenants?.length) || (audit.tenants ?? []).some((id) => tenants.includes(id)));
  }
  if (text) checks.push((audit) => JSON.stringify(audit).toLowerCase().includes(text));
  return checks.length === 0 ? null : (audit) => checks.every((check) => check(audit));
}

function error(status: number, errorCode: string, errorDescription: string, errorMessage: string): EmulatorResponse {
  return { status, body: { errorCode, errorDescription, errorMessage, message: errorMessage } };
}

function invalid(message: string): EmulatorResponse {
  return error(400, 'E011003', 'Request is invalid', message);
}
