import { AuditLensError } from '../../errors';
import type { AuditQuery } from '../../model';
import type { NormalizedPage, PageCursor, VendorAdapter, VendorErrorInfo, VendorLimits, VendorRequest } from '../adapter';
import { fallbackTime, normalizeRecords, toIsoTime } from '../normalize';
import { surfsightEvent } from './event';
import { surfsightFilterParams, surfsightServerFilters } from './filters';
import { surfsightEnvelopeSchema, surfsightErrorSchema, surfsightMetadataSchema, surfsightRecordSchema } from './schemas';

const SURFSIGHT_AUDIT_PATH = '/v2/audit-logs';

/**
 * Surfsight warns that large requests time out after 30 seconds, so every request is
 * paged: 200 records by default, 1,000 at most. Offset paging lets pages run in parallel
 * once `metadata.count` gives the total.
 */
const LIMITS: VendorLimits = { defaultPageSize: 200, maxPageSize: 1000, parallelPages: true };

function pageSize(cursor: PageCursor): number {
  const size = Number.isFinite(cursor.size) ? Math.floor(cursor.size) : LIMITS.defaultPageSize;
  return Math.min(LIMITS.maxPageSize, Math.max(1, size));
}

function isoParam(value: string, name: 'from' | 'to'): string {
  const iso = toIsoTime(value);
  if (!iso) throw new AuditLensError('usage', `The "${name}" time "${value}" is not a date; use ISO-8601 such as 2025-12-04T11:17:24.983Z.`, { vendor: 'surfsight' });
  return iso;
}

/**
 * `metadata.count` is read as the total matching records (the docs never define it). It is
 * ignored when it cannot be one: below what this page already reaches, or, on a full
 * first page, equal to the page's own length (a per-page count would look exactly like
 * that). The engine also stops on a short page, so a wrong count never loses events.
 */
function totalFrom(metadata: unknown, offset: number, recordCount: number, size: number): number | undefined {
  const parsed = surfsightMetadataSchema.safeParse(metadata ?? {});
  const count = parsed.success ? parsed.data.count : undefined;
  if (count === undefined || count < offset + recordCount) return undefined;
  if (offset === 0 && recordCount === size && count === recordCount) return undefined;
  return count;
}

export const surfsightAdapter: VendorAdapter = {
  vendor: 'surfsight',
  label: 'Surfsight',
  carriesTraceIds: true,
  limits: LIMITS,

  serverFilters: surfsightServerFilters,

  validateConnection(connection) {
    if (/\/v2(\/audit-logs)?\/*$/i.test(connection.baseUrl)) {
      return 'The Surfsight base URL should end at the host, e.g. https://api-prod.surfsight.net (US) or https://api.de.surfsight.net (EU): Audit Lens adds /v2/audit-logs itself.';
    }
    return undefined;
  },

  authHeaders(_connection, credentials) {
    const token = credentials.token.trim();
    if (token === '') {
      throw new AuditLensError('config', 'No Surfsight token is stored for this connection. Log in with your Surfsight email and password, or paste a token.', { vendor: 'surfsight' });
    }
    if (/\s/.test(token)) {
      throw new AuditLensError('config', 'The Surfsight token contains spaces. Paste the token alone, without "Bearer ".', { vendor: 'surfsight' });
    }
    return { authorization: `Bearer ${token}` };
  },

  buildRequest(_connection, query: AuditQuery, cursor: PageCursor): VendorRequest {
    const size = pageSize(cursor);
    const offset = cursor.index * size;
    // `limit` and `offset` must match ^[1-9]\d*$: the first page omits the offset, never sends 0.
    return {
      method: 'GET',
      path: SURFSIGHT_AUDIT_PATH,
      query: {
        start: isoParam(cursor.window.from, 'from'),
        end: isoParam(cursor.window.to, 'to'),
        limit: String(size),
        ...(offset > 0 ? { offset: String(offset) } : {}),
        ...surfsightFilterParams(query),
      },
    };
  },

  /** `{}` or any body without a `data` list is unusable: Surfsight always sends `data`, even empty. */
  parsePage(body, cursor): NormalizedPage {
    const envelope = surfsightEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new AuditLensError('schema', 'Surfsight answered without the expected "data" list of audit logs.', { vendor: 'surfsight' });
    }
    const records = envelope.data.data;
    const unreadableTime = fallbackTime(cursor);
    const toEvent = (raw: Record<string, unknown>) => surfsightEvent(raw, unreadableTime);
    const { events, warnings } = normalizeRecords('surfsight', records, surfsightRecordSchema, (_record, raw) => toEvent(raw), toEvent);
    const size = pageSize(cursor);
    const total = totalFrom(envelope.data.metadata, cursor.index * size, records.length, size);
    return { events, warnings, recordCount: records.length, ...(total === undefined ? {} : { total }) };
  },

  parseError(status, body): VendorErrorInfo | undefined {
    const parsed = surfsightErrorSchema.safeParse(body);
    if (!parsed.success) return undefined;
    const { message, error, requestId } = parsed.data;
    return {
      message: (message || error) as string,
      ...(requestId ? { supportRef: requestId } : {}),
      ...(status === 403 ? { permission: true } : {}),
    };
  },
};
