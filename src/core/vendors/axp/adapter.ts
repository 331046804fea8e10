import { AuditLensError } from '../../errors';
import type { AuditEvent, AuditQuery, Connection, Credentials, FilterKey } from '../../model';
import type { NormalizedPage, PageCursor, VendorAdapter, VendorErrorInfo, VendorRequest } from '../adapter';
import { fallbackTime, normalizeRecords, toIsoTime } from '../normalize';
import { recordToEvent } from './record';
import { axpErrorSchema, axpPageSchema, axpPaginationSchema, axpRecordSchema } from './schemas';
import { axpSnapshots } from './snapshots';

const MAX_PAGE_SIZE = 50;

/**
 * AXP's `type` is an upper-case constant (PROFILE, QUEUE), matched exactly: a value that is
 * one word can be sent upper-cased and means the same as our case-insensitive equality.
 * Anything else cannot equal a constant and stays local.
 */
function asConstant(value: string | undefined): string | undefined {
  return value !== undefined && /^[A-Za-z][A-Za-z0-9_]*$/.test(value) ? value.toUpperCase() : undefined;
}

/** Header values must not carry line breaks or control characters. */
function checkHeaderValue(value: string, what: string): void {
  if (/[^\x20-\x7e]/.test(value)) {
    throw new AuditLensError('config', `The AXP ${what} contains characters that cannot be sent in a header. Paste it again without spaces or line breaks.`, { vendor: 'axp' });
  }
}

function vendorTime(iso: string): string {
  const time = toIsoTime(iso);
  if (time === null) throw new AuditLensError('usage', `"${iso}" is not an ISO-8601 time.`, { vendor: 'axp' });
  return time;
}

function errorText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['detail', 'message', 'msg', 'title']) {
      const text = errorText(record[key]);
      if (text) return text;
    }
  }
  return undefined;
}

export const axpAdapter: VendorAdapter = {
  vendor: 'axp',
  label: 'Avaya Experience Platform',
  carriesTraceIds: false,
  limits: {
    defaultPageSize: MAX_PAGE_SIZE,
    maxPageSize: MAX_PAGE_SIZE,
    parallelPages: true,
    newestFirst: true, // `orderBy=date desc` is always sent
  },

  /**
   * Only the object type goes to AXP. A change is the difference between consecutive snapshots
   * of one object, so every snapshot of the objects shown must be fetched: filtering by author
   * or event at the vendor would leave out the snapshots between, and each change would be
   * diffed against an older one (another actor's edits shown as this one's). Those filters run
   * here, after the snapshots are linked. All snapshots of an object share its type.
   */
  serverFilters(query: AuditQuery): ReadonlySet<FilterKey> {
    return new Set<FilterKey>(asConstant(query.resourceType) ? ['resourceType'] : []);
  },

  validateConnection(connection: Connection): string | undefined {
    const account = connection.accountId?.trim();
    if (!account) {
      return 'AXP needs the account id: set "accountId" on the connection (CLI: --account ID). It is the account shown in the AXP admin portal, e.g. ASDJGE.';
    }
    if (!/^[A-Za-z0-9_-]+$/.test(account)) {
      return `AXP account id "${account}" is not valid: use only letters, digits, "-" and "_".`;
    }
    return undefined;
  },

  authHeaders(_connection: Connection, credentials: Credentials): Record<string, string> {
    const headers: Record<string, string> = {};
    const appKey = credentials.appKey?.trim();
    const token = credentials.token.trim();
    if (appKey) {
      checkHeaderValue(appKey, 'app key');
      headers.appkey = appKey;
    }
    if (token) {
      checkHeaderValue(token, 'bearer token');
      headers.authorization = `Bearer ${token}`;
    }
    if (!appKey && !token) {
      throw new AuditLensError('config', 'AXP needs an app key or a bearer token (or both): set AUDIT_LENS_APP_KEY and/or AUDIT_LENS_TOKEN, or store them on the connection.', { vendor: 'axp' });
    }
    return headers;
  },

  buildRequest(connection: Connection, query: AuditQuery, cursor: PageCursor): VendorRequest {
    const account = encodeURIComponent((connection.accountId ?? '').trim());
    const body: Record<string, string> = {
      startDate: vendorTime(cursor.window.from),
      endDate: vendorTime(cursor.window.to),
    };
    const type = asConstant(query.resourceType);
    if (type) body.type = type;
    return {
      method: 'POST',
      path: `/api/admin/user/v1/accounts/${account}/audit-records:search`,
      query: {
        pageNumber: String(cursor.index + 1),
        pageSize: String(Math.min(Math.max(1, Math.floor(cursor.size)), MAX_PAGE_SIZE)),
        // Sources disagree on AXP's default direction: always say it.
        orderBy: 'date desc',
      },
      body,
    };
  },

  parsePage(body: unknown, cursor: PageCursor): NormalizedPage {
    const envelope = axpPageSchema.safeParse(body);
    const pagination = axpPaginationSchema.safeParse(body);
    if (!envelope.success) {
      // A page without a record list is still "no events" when AXP says there are none.
      if (pagination.success && pagination.data.pagination.total === 0) {
        return { events: [], warnings: [], recordCount: 0, total: 0 };
      }
      throw new AuditLensError('schema', 'AXP answered without an "auditRecords" list: the response is not an audit-records page.', { vendor: 'axp' });
    }
    const records = envelope.data.auditRecords;
    const unreadableTime = fallbackTime(cursor);
    const toEvent = (raw: Record<string, unknown>) => recordToEvent(raw, unreadableTime);
    const { events, warnings } = normalizeRecords('axp', records, axpRecordSchema, (_, raw) => toEvent(raw), toEvent);
    numberTwins(events);
    return {
      events,
      warnings,
      recordCount: records.length,
      total: pagination.success ? pagination.data.pagination.total : undefined,
    };
  },

  parseError(status: number, body: unknown): VendorErrorInfo | undefined {
    const parsed = axpErrorSchema.safeParse(body);
    if (!parsed.success) return Array.isArray(body) ? fromList(body) : undefined;
    const error = parsed.data;
    const message = errorText(error.detail) ?? errorText(error.message) ?? errorText(error.error)
      ?? fromList(error.errors ?? [])?.message ?? errorText(error.title);
    if (!message) return undefined;
    const info: VendorErrorInfo = { message };
    if (error.code !== undefined) info.supportRef = String(error.code);
    if (status === 403) info.permission = true;
    // "Invalid AccountID": the account in the connection is wrong, not the search.
    else if (/\baccount ?id\b/i.test(message)) info.connection = true;
    return info;
  },

  snapshots: axpSnapshots,
};

function fromList(items: readonly unknown[]): VendorErrorInfo | undefined {
  const messages = items.map(errorText).filter((text): text is string => text !== undefined);
  return messages.length > 0 ? { message: messages.join('; ') } : undefined;
}

/**
 * Ids are hashes of the record, so two records with the same content (same millisecond,
 * author and snapshot) would share one and the engine would keep only the first. A page
 * never holds one record twice, so twins in a page are two events: the later ones get
 * `~2`, `~3`, in the vendor's order. Twins split across pages still look like a repeat.
 */
function numberTwins(events: AuditEvent[]): void {
  const seen = new Map<string, number>();
  for (const event of events) {
    const count = (seen.get(event.id) ?? 0) + 1;
    seen.set(event.id, count);
    if (count > 1) event.id = `${event.id}~${count}`;
  }
}
