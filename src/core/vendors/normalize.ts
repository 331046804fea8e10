import { createHash } from 'node:crypto';
import type * as z from 'zod/mini';
import type { AuditEvent, VendorId } from '../model';
import type { RecordWarning } from './adapter';
import '../validationMessages';

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

const CANONICAL_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * ISO-8601 UTC with milliseconds from an ISO string, epoch milliseconds, or epoch
 * milliseconds in a string. Null when the value is no time at all.
 */
export function toIsoTime(value: unknown): string | null {
  // Already in the output format, with a day and hour every month has: nothing to convert.
  if (typeof value === 'string' && value.length === 24 && CANONICAL_TIME.test(value)) return value;
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

/** Vendor HTML reduced to plain text: tags dropped, common entities decoded. Never markup. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Stable JSON: object keys sorted, so equal content hashes equally. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Built by appending: this runs for every AXP record (its id) and every compared field.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += stableStringify(value[i]); // a hole prints as nothing, as `map` + `join` did
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (i > 0) out += ',';
    out += `${JSON.stringify(key)}:${stableStringify(record[key])}`;
  }
  return `${out}}`;
}

/** Whether two values print the same with `stableStringify`, without printing equal or plainly different scalars. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return false;
  return stableStringify(a) === stableStringify(b);
}

/** A stable id for records that have none. */
export function contentHash(value: unknown): string {
  // The first 16 bytes as hex: the same text as slicing the full hex digest, without keeping the 64-character string alive behind it.
  return createHash('sha256').update(stableStringify(value)).digest().toString('hex', 0, 16);
}

export interface NormalizedRecords {
  events: AuditEvent[];
  warnings: RecordWarning[];
}

/**
 * Validates each record on its own. A record that fails validation is still returned,
 * built by `salvage` from whatever could be read, and reported as a warning: schema drift
 * never drops an event and never fails the page.
 */
export function normalizeRecords<T>(
  vendor: VendorId,
  records: readonly unknown[],
  schema: z.ZodMiniType<T>,
  toEvent: (record: T, raw: Record<string, unknown>) => AuditEvent,
  salvage: (raw: Record<string, unknown>) => AuditEvent,
): NormalizedRecords {
  const events: AuditEvent[] = [];
  const warnings: RecordWarning[] = [];
  for (const record of records) {
    const raw = asRecord(record);
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      events.push(toEvent(parsed.data, raw));
      continue;
    }
    const event = salvage(raw);
    events.push(event);
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'record';
    warnings.push({ eventId: event.id, message: `${vendor} record ${event.id}: ${where}: ${issue?.message ?? 'invalid'}` });
  }
  return { events, warnings };
}
