import { AuditLensError } from '../../errors';
import { NO_CHANGES, type AuditEvent, type AuditStatus, type FieldChange, type FilterKey } from '../../model';
import type { NormalizedPage, VendorAdapter, VendorErrorInfo } from '../adapter';
import { contentHash, fallbackTime, normalizeRecords, pickString, toIsoTime } from '../normalize';
import { descopeEnvelopeSchema, descopeErrorSchema, descopeRecordSchema, type DescopeRecord } from './schemas';

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_SERVER_FILTERS: ReadonlySet<FilterKey> = new Set();

/**
 * Descope's management audit search.
 *
 * Every filter runs locally: Descope's `actorIds`, `userIds` and `actions` match exactly
 * and case-sensitively, a narrower match than ours, so sending them could hide events.
 */
export const descopeAdapter: VendorAdapter = {
  vendor: 'descope',
  label: 'Descope',
  carriesTraceIds: false,
  limits: {
    // Descope's Go SDK documents 1000 as both the default and the maximum page size; the
    // REST reference names the field `batchSize` without bounds. Using 1000 means a server
    // that ignored our `batchSize` would still page with the same size.
    defaultPageSize: 1000,
    maxPageSize: 1000,
    reachMs: 30 * DAY_MS,
    rateLimit: { requests: 10, perMs: 60_000 },
    // Ten searches a minute per project: pages go one at a time.
    parallelPages: false,
  },

  serverFilters() {
    return NO_SERVER_FILTERS;
  },

  validateConnection() {
    return undefined;
  },

  authHeaders(_connection, credentials) {
    const separator = credentials.token.indexOf(':');
    if (separator <= 0 || separator === credentials.token.length - 1) {
      throw new AuditLensError(
        'config',
        'The Descope credential must be "ProjectId:ManagementKey" (the project id, a colon, then the management key).',
        { vendor: 'descope' },
      );
    }
    return { authorization: `Bearer ${credentials.token}` };
  },

  buildRequest(_connection, _query, cursor) {
    return {
      method: 'POST',
      path: '/v1/mgmt/audit/search',
      // Epoch-millisecond numbers, as Descope's own Node SDK sends them.
      body: {
        from: epochMs(cursor.window.from, 'from'),
        to: epochMs(cursor.window.to, 'to'),
        page: cursor.index,
        batchSize: cursor.size,
      },
    };
  },

  parsePage(body, cursor): NormalizedPage {
    const envelope = descopeEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new AuditLensError('schema', 'Descope returned a page without a list of audit records.', { vendor: 'descope' });
    }
    const records = envelope.data.audits ?? [];
    const { events, warnings } = normalizeRecords('descope', records, descopeRecordSchema, toEvent,
      (raw) => salvage(raw, fallbackTime(cursor)));
    return { events, warnings, recordCount: records.length, total: readTotal(envelope.data.total) };
  },

  parseError(_status, body): VendorErrorInfo | undefined {
    const parsed = descopeErrorSchema.safeParse(body);
    if (!parsed.success) return undefined;
    const { errorCode, errorDescription, errorMessage, message } = parsed.data;
    return {
      message: errorMessage || message || errorDescription || `Descope error ${errorCode}`,
      supportRef: errorCode,
    };
  },
};

function epochMs(iso: string, name: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) {
    throw new AuditLensError('usage', `The search's "${name}" time "${iso}" is not an ISO-8601 date.`, { vendor: 'descope' });
  }
  return ms;
}

function readTotal(total: unknown): number | undefined {
  if (typeof total === 'number' && Number.isInteger(total) && total >= 0) return total;
  if (typeof total === 'string' && /^\d+$/.test(total)) return Number(total);
  return undefined;
}

/** Descope records no outcome field; failed actions say so in their name (`LoginFailed`) or type. */
function statusOf(action: string | null, type: string | null): AuditStatus {
  if (action === null) return null;
  return /fail/i.test(action) || type === 'error' ? 'failure' : 'success';
}

/** `data` holds the new values only, so every change has `old: null`. */
function changesOf(data: unknown): AuditEvent['changes'] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return NO_CHANGES;
  const fields = Object.keys(data);
  return fields.length === 0 ? NO_CHANGES : fields.map((field): FieldChange => ({ field, old: null, new: (data as Record<string, unknown>)[field] }));
}

function toEvent(record: DescopeRecord, raw: Record<string, unknown>): AuditEvent {
  return {
    vendor: 'descope',
    id: record.ID,
    time: toIsoTime(record.occurred) as string,
    actor: { id: record.actorId || null, name: null, type: null, role: null },
    action: record.action,
    resource: userResource(record.userId ?? null, record.externalIds?.[0] ?? null),
    status: statusOf(record.action, record.type ?? null),
    description: null,
    traceId: null,
    changes: changesOf(record.data),
    raw,
  };
}

function salvage(raw: Record<string, unknown>, fallbackTime: string): AuditEvent {
  const action = pickString(raw, 'action');
  const externalIds = Array.isArray(raw.externalIds) ? raw.externalIds : [];
  return {
    vendor: 'descope',
    id: pickString(raw, 'ID') ?? contentHash(raw),
    time: toIsoTime(raw.occurred) ?? fallbackTime,
    actor: { id: pickString(raw, 'actorId'), name: null, type: null, role: null },
    action: action ?? 'unknown',
    resource: userResource(pickString(raw, 'userId'), typeof externalIds[0] === 'string' ? externalIds[0] : null),
    status: statusOf(action, pickString(raw, 'type')),
    description: null,
    traceId: null,
    changes: changesOf(raw.data),
    raw,
  };
}

/** The user the action was about; its first login id names it. */
function userResource(userId: string | null, loginId: string | null): AuditEvent['resource'] {
  if (!userId) return { type: null, id: null, name: null };
  return { type: 'user', id: userId, name: loginId || null };
}
