import { EMULATOR_CREDENTIALS } from '../../credentials';
import { firstAtOrBefore } from '../../dataset';
import type { EmulatorRequest, EmulatorResponse, RouteContext, VendorRoute } from '../../types';
import { documented, errors, undocumented } from './errors';
import { generate, toHit } from './records';
import { matching, parseSearch } from './search';

/** Refused with "not permitted": a valid token of a user without the Administrator role. */
export const PERFECTO_NON_ADMIN_TOKEN = 'emulator-perfecto-non-admin-token';
/** Refused with "not enabled": a valid token of a tenant where audit search is off. */
export const PERFECTO_DISABLED_TENANT_TOKEN = 'emulator-perfecto-disabled-tenant-token';

const SEARCH_PATH = '/api/v1/audit/search';
const HOUR = 60 * 60 * 1000;

function runSearch(request: EmulatorRequest, context: RouteContext): EmulatorResponse {
  const body = request.body === undefined ? {} : request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return errors(400, [undocumented('The request body should be a JSON object')]);
  }
  const parsed = parseSearch(body as Record<string, unknown>);
  if (Array.isArray(parsed)) return errors(400, parsed);
  const entries = context.dataset.records('perfecto', generate);
  const found = matching(entries, parsed);
  // Perfecto's audit data lags one hour behind real time.
  const visible = found.slice(firstAtOrBefore(found, context.now() - HOUR, (entry) => entry.ms));
  const start = (parsed.page - 1) * parsed.size;
  const hits = visible.slice(start, start + parsed.size).map(toHit);
  return {
    status: 200,
    body: {
      took: 2 + Math.floor(hits.length / 100),
      timed_out: false,
      _shards: { total: 4, successful: 4, skipped: 2, failed: 0 },
      hits: { total: { value: visible.length, relation: 'eq' }, max_score: null, hits },
      status: 200,
    },
  };
}

export const perfectoRoute: VendorRoute = {
  vendor: 'perfecto',
  handle(request: EmulatorRequest, context: RouteContext): EmulatorResponse {
    if (request.path !== SEARCH_PATH) return errors(404, [undocumented(`No such endpoint: ${request.path}. Audit search is POST ${SEARCH_PATH}`)]);
    if (request.method !== 'POST') return errors(405, [undocumented(`Method ${request.method} is not allowed: use POST`)]);
    const token = request.headers['perfecto-authorization'];
    if (token === PERFECTO_NON_ADMIN_TOKEN) return errors(403, [documented('notPermitted')]);
    if (token === PERFECTO_DISABLED_TENANT_TOKEN) return errors(403, [documented('notEnabled')]);
    if (token !== EMULATOR_CREDENTIALS.perfecto.token) {
      return errors(401, [undocumented('Security token is missing, invalid or expired. Generate a new security token and try again.')]);
    }
    return runSearch(request, context);
  },
};
