import * as z from 'zod/mini';
import { NO_CHANGES, type AuditEvent, type FieldChange, type VendorId } from '../model';
import type { PageCursor, RecordWarning } from './adapter';
import '../validationMessages';

export { contentHash, sameJson, stableStringify } from './canonicalJson';

/**
 * A change list as kept on an event: the shared empty list, or an exact-size copy. A list
 * built by `push` reserves room for 17 entries; 100k events hold lists of one or two.
 */
export function retainedList(changes: FieldChange[]): readonly FieldChange[] {
  return changes.length === 0 ? NO_CHANGES : changes.slice();
}

/** A plain object view of a vendor record, whatever it was. */
export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { value };
}

/** The first key among `keys` that holds a non-empty string (numbers are stringified). */
export function pickString(record: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return null;
}

/**
 * The time of a record whose own time cannot be read (it is still shown, with a warning): the
 * end of the window it was fetched in. It then sorts with that window's newest events, where
 * it is seen, and stays inside the search's range. One rule for every vendor.
 */
export function fallbackTime(cursor: PageCursor): string {
  return toIsoTime(cursor.window.to) ?? new Date(0).toISOString();
}

const CANONICAL_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * ISO-8601 UTC with milliseconds from an ISO string, epoch milliseconds, or epoch
 * milliseconds in a string. Null when the value is no time at all.
 */
export function toIsoTime(value: unknown): string | null {
  // Already in the output format, with a day and hour every month has: nothing to convert.
  if (typeof value === 'string' && value.length === 24 && CANONICAL_TIME.test(value)) return value;
  // A record's schema checks its time and its adapter then converts the same value: the second call is free.
  if (value === lastInput) return lastTime;
  lastTime = convertTime(value);
  lastInput = value;
  return lastTime;
}

let lastInput: unknown;
let lastTime: string | null = null;

function convertTime(value: unknown): string | null {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && /^\d{10,16}$/.test(value.trim())) ms = Number(value.trim());
  else if (typeof value === 'string') ms = Date.parse(value);
  else return null;
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  // Years outside 0000–9999 print as "-000001-…" or "+010000-…": not the event time format, and they sort wrongly.
  const year = date.getUTCFullYear();
  return year < 0 || year > 9999 ? null : date.toISOString();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

const TAG = /<[^>]*>/g;
const ENTITY = /&(amp|lt|gt|quot|apos|nbsp|#39);/g;
/** Whitespace that `\s+` -> ' ' and `trim()` would change: a run, a character other than a space, or an end. */
const UNTIDY_SPACE = /\s\s|[^\S ]|^\s|\s$/;

/** Vendor HTML reduced to plain text: tags dropped, common entities decoded. Never markup. */
export function htmlToText(html: string): string {
  // Each step runs only when its character is there: most descriptions have tags but no entities and tidy spaces.
  let text = html.includes('<') ? html.replace(TAG, '') : html;
  if (text.includes('&')) text = text.replace(ENTITY, (_, name: string) => ENTITIES[name] ?? '');
  return UNTIDY_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

export interface NormalizedRecords {
  events: AuditEvent[];
  warnings: RecordWarning[];
}

/** Each record schema compiled once: zod's generated checks, with its own parser behind them for failures. */
const compiledSchemas = new WeakMap<z.ZodMiniType, z.ZodMiniType>();

function compiled<T extends z.ZodMiniType>(schema: T): T {
  let fast = compiledSchemas.get(schema) as T | undefined;
  if (fast === undefined) {
    fast = z.compile(schema);
    compiledSchemas.set(schema, fast);
  }
  return fast;
}

/**
 * Validates each record on its own. A record that fails validation is still returned,
 * built by `salvage` from whatever could be read, and reported as a warning: schema drift
 * never drops an event and never fails the page.
 *
 * A valid record is handed to `toEvent` as received: validation builds no copy of it. So
 * record schemas only check (no transforms or defaults), which their type says: what they
 * accept is what they give.
 */
export function normalizeRecords<T>(
  vendor: VendorId,
  records: readonly unknown[],
  schema: z.ZodMiniType<T, T>,
  toEvent: (record: T, raw: Record<string, unknown>) => AuditEvent,
  salvage: (raw: Record<string, unknown>) => AuditEvent,
): NormalizedRecords {
  const check = compiled(schema);
  const events: AuditEvent[] = new Array(records.length);
  const warnings: RecordWarning[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (z.validate(check, record)) {
      events[i] = toEvent(record, record as Record<string, unknown>);
      continue;
    }
    const raw = asRecord(record);
    const event = salvage(raw);
    events[i] = event;
    // Only a failing record pays for zod's full parse: it names the first problem.
    const parsed = schema.safeParse(record);
    const issue = parsed.success ? undefined : parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'record';
    warnings.push({ eventId: event.id, message: `${vendor} record ${event.id}: ${where}: ${issue?.message ?? 'invalid'}` });
  }
  return { events, warnings };
}
