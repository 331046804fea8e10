import { AuditLensError } from '../../errors';
import { NO_CHANGES, type AuditEvent, type AuditStatus, type FilterKey } from '../../model';
import type { NormalizedPage, VendorAdapter, VendorErrorInfo } from '../adapter';
import { contentHash, fallbackTime, htmlToText, normalizeRecords, pickString, toIsoTime } from '../normalize';
import { zluriEnvelopeSchema, zluriErrorSchema, zluriRecordSchema, type ZluriRecord } from './schemas';

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_SERVER_FILTERS: ReadonlySet<FilterKey> = new Set();

/** Zluri's audit list. It has no server-side filters: every filter runs locally. */
export const zluriAdapter: VendorAdapter = {
  vendor: 'zluri',
  label: 'Zluri',
  carriesTraceIds: false,
  limits: {
    defaultPageSize: 100,
    maxPageSize: 100,
    // Zluri silently narrows a longer range to the 7 days before `end_date`.
    maxWindowMs: 7 * DAY_MS,
    rateLimit: { requests: 100, perMs: 60_000 },
    // `count` is the window's total, so later pages can be fetched side by side.
    parallelPages: true,
  },

  serverFilters() {
    return NO_SERVER_FILTERS;
  },

  validateConnection() {
    return undefined;
  },

  authHeaders(_connection, credentials) {
    if (credentials.token.trim() === '') {
      throw new AuditLensError('config', 'The Zluri API key is empty: paste the key from Zluri\'s API settings.', { vendor: 'zluri' });
    }
    return { 'api-key': credentials.token };
  },

  buildRequest(_connection, _query, cursor) {
    // snake_case, as in Zluri's reference and its own error messages (the prose says camelCase).
    return {
      method: 'GET',
      path: '/ext/v1/audit/list',
      query: {
        page: String(cursor.index + 1),
        page_size: String(cursor.size),
        start_date: isoUtc(cursor.window.from, 'from'),
        end_date: isoUtc(cursor.window.to, 'to'),
      },
    };
  },

  parsePage(body, cursor): NormalizedPage {
    const envelope = zluriEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new AuditLensError('schema', 'Zluri returned a page without an items list.', { vendor: 'zluri' });
    }
    const { items, count } = envelope.data;
    const { events, warnings } = normalizeRecords('zluri', items, zluriRecordSchema, toEvent,
      (raw) => salvage(raw, fallbackTime(cursor)));
    const total = typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
    return { events, warnings, recordCount: items.length, total };
  },

  parseError(_status, body): VendorErrorInfo | undefined {
    const parsed = zluriErrorSchema.safeParse(body);
    if (!parsed.success) return undefined;
    const { code, errors, message } = parsed.data;
    const messages = (errors ?? []).map((error) => error.msg).filter((msg): msg is string => Boolean(msg));
    return {
      message: messages.length > 0 ? messages.join(' ') : message || `Zluri error ${code}`,
      // MISC is Zluri's catch-all code: only a specific one helps support.
      supportRef: code && code !== 'MISC' ? code : undefined,
    };
  },
};

function isoUtc(value: string, name: string): string {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new AuditLensError('usage', `The search's "${name}" time "${value}" is not an ISO-8601 date.`, { vendor: 'zluri' });
  }
  return new Date(ms).toISOString();
}

/** Zluri records no outcome; its failure events are named `…_error` (`auth_error`, `connect_error`). */
function statusOf(event: string | null): AuditStatus {
  if (event === null) return null;
  return /(^|_)error$/i.test(event) ? 'failure' : 'success';
}

/** Vendor HTML is reduced to text; the description falls back to the title. */
function describe(description: unknown, title: unknown): string | null {
  for (const html of [description, title]) {
    if (typeof html !== 'string') continue;
    const text = htmlToText(html);
    if (text !== '') return text;
  }
  return null;
}

function toEvent(record: ZluriRecord, raw: Record<string, unknown>): AuditEvent {
  return {
    vendor: 'zluri',
    id: record._id,
    time: toIsoTime(record.event_timestamp) as string,
    actor: {
      id: record.actor_id || null,
      name: record.actor_name || null,
      type: record.actor || null,
      role: record.actor_role || null,
    },
    action: record.event,
    resource: { type: record.entity || null, id: null, name: null },
    status: statusOf(record.event),
    description: describe(record.event_description, record.event_title),
    traceId: null,
    changes: NO_CHANGES,
    raw,
  };
}

function salvage(raw: Record<string, unknown>, fallbackTime: string): AuditEvent {
  const event = pickString(raw, 'event');
  return {
    vendor: 'zluri',
    id: pickString(raw, '_id') ?? contentHash(raw),
    time: toIsoTime(raw.event_timestamp) ?? fallbackTime,
    actor: {
      id: pickString(raw, 'actor_id'),
      name: pickString(raw, 'actor_name'),
      type: pickString(raw, 'actor'),
      role: pickString(raw, 'actor_role'),
    },
    action: event ?? pickString(raw, 'event_type') ?? 'unknown',
    resource: { type: pickString(raw, 'entity'), id: null, name: null },
    status: statusOf(event),
    description: describe(raw.event_description, raw.event_title),
    traceId: null,
    changes: NO_CHANGES,
    raw,
  };
}
