import { AuditLensError } from '../../errors';
import type { AuditQuery, Connection, Credentials, FilterKey } from '../../model';
import type { NormalizedPage, PageCursor, VendorAdapter, VendorErrorInfo, VendorRequest } from '../adapter';
import { fallbackTime, normalizeRecords, toIsoTime } from '../normalize';
import { errorListError, errorListInfo } from './errorList';
import { perfectoHitToEvent } from './event';
import { perfectoEnvelopeSchema, perfectoErrorSchema, perfectoHitSchema, type PerfectoEnvelope } from './schemas';
import { isHexTraceId, traceKey } from '../../traceKey';
import { canonicalValue, PERFECTO_ACTIONS, PERFECTO_RESOURCE_TYPES } from './vocabulary';

const PERFECTO_SEARCH_PATH = '/api/v1/audit/search';

/**
 * The body fields a query's filters become. A filter goes to the vendor only when the
 * vendor's match means exactly ours (case-insensitive equality):
 * - status: an enum, sent uppercase;
 * - action, resourceType: enums the vendor validates; sent in the documented spelling
 *   when the value is listed (anything else would be a 400, so it stays local);
 * - traceId: a 128-bit id in any shape (UUID, X-Ray, traceparent), sent as the 32 lowercase
 *   hex digits every Perfecto trace id is.
 * actor, resourceId and text stay local: the vendor matches them exactly (case matters),
 * and our semantics are case-insensitive or substring.
 */
function serverBody(query: AuditQuery): { body: Record<string, string>; keys: Set<FilterKey> } {
  const body: Record<string, string> = {};
  const keys = new Set<FilterKey>();
  if (query.status) {
    body['status'] = query.status.toUpperCase();
    keys.add('status');
  }
  const action = query.action === undefined ? undefined : canonicalValue(PERFECTO_ACTIONS, query.action);
  if (action) {
    body['action'] = action;
    keys.add('action');
  }
  const resourceType = query.resourceType === undefined ? undefined : canonicalValue(PERFECTO_RESOURCE_TYPES, query.resourceType);
  if (resourceType) {
    body['resourceType'] = resourceType;
    keys.add('resourceType');
  }
  if (query.traceId && isHexTraceId(query.traceId)) {
    body['traceId'] = traceKey(query.traceId);
    keys.add('traceId');
  }
  return { body, keys };
}

function isoOrSame(value: string): string {
  return toIsoTime(value) ?? value;
}

function totalOf(envelope: PerfectoEnvelope): number | undefined {
  const total = envelope.hits.total;
  if (total === null || total === undefined) return undefined;
  if (typeof total === 'number') return total;
  // "gte" means Elasticsearch stopped counting: the real total is larger, so page to the end instead.
  return total.relation === undefined || total.relation === 'eq' ? total.value : undefined;
}

export const perfectoAdapter: VendorAdapter = {
  vendor: 'perfecto',
  label: 'Perfecto',
  carriesTraceIds: true,
  limits: {
    // The vendor's default is 1000 and it documents no maximum; 500 keeps pages quick,
    // and 1000 (the documented default) is the largest size known to be served.
    defaultPageSize: 500,
    maxPageSize: 1000,
    // `from` is a page number over a stable sort: any page can be fetched on its own.
    parallelPages: true,
    ingestLagMs: 60 * 60_000, // VENDORS.md: data lags about one hour behind real time
  },

  serverFilters(query: AuditQuery): ReadonlySet<FilterKey> {
    return serverBody(query).keys;
  },

  validateConnection(connection: Connection): string | undefined {
    if (connection.vendor !== 'perfecto') return `Connection "${connection.label}" is not a Perfecto connection.`;
    return undefined;
  },

  authHeaders(_connection: Connection, credentials: Credentials): Record<string, string> {
    const token = credentials.token.trim();
    if (token === '') {
      throw new AuditLensError('config', 'Perfecto needs a security token: generate one as an administrator in Perfecto (user menu > Perfecto Security Token) and store it for this connection.', { vendor: 'perfecto' });
    }
    return { 'Perfecto-Authorization': token };
  },

  buildRequest(_connection: Connection, query: AuditQuery, cursor: PageCursor): VendorRequest {
    const size = Math.min(Math.max(Math.floor(cursor.size), 1), perfectoAdapter.limits.maxPageSize);
    return {
      method: 'POST',
      path: PERFECTO_SEARCH_PATH,
      body: {
        ...serverBody(query).body,
        timestampFrom: isoOrSame(cursor.window.from),
        timestampTo: isoOrSame(cursor.window.to),
        size,
        // Perfecto pages are numbered from 1; our cursor counts from 0.
        from: cursor.index + 1,
      },
    };
  },

  parsePage(body: unknown, cursor: PageCursor): NormalizedPage {
    const envelope = perfectoEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      const vendorError = perfectoErrorSchema.safeParse(body);
      if (vendorError.success) throw errorListError(vendorError.data);
      throw new AuditLensError('schema', 'Perfecto answered with a body without hits.hits.', { vendor: 'perfecto' });
    }
    const records = envelope.data.hits.hits;
    const unreadableTime = fallbackTime(cursor);
    const toEvent = (raw: Record<string, unknown>) => perfectoHitToEvent(raw, unreadableTime);
    const { events, warnings } = normalizeRecords('perfecto', records, perfectoHitSchema, (_hit, raw) => toEvent(raw), toEvent);
    return { events, warnings, recordCount: records.length, total: totalOf(envelope.data) };
  },

  parseError(_status: number, body: unknown): VendorErrorInfo | undefined {
    const parsed = perfectoErrorSchema.safeParse(Array.isArray(body) ? body : [body]);
    return parsed.success ? errorListInfo(parsed.data) : undefined;
  },
};
