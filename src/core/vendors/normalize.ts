import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AuditEvent, VendorId } from '../model';
import type { RecordWarning } from './adapter';

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
 * ISO-8601 UTC with milliseconds from an ISO string, epoch milliseconds, or epoch
 * milliseconds in a string. Null when the value is no time at all.
 */
export function toIsoTime(value: unknown): string | null {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && /^\d{10,16}$/.test(value.trim())) ms = Number(value.trim());
  else if (typeof value === 'string') ms = Date.parse(value);
  else return null;
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
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
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.keys(value as object).sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/** A stable id for records that have none. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex').slice(0, 32);
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
  schema: z.ZodType<T>,
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
