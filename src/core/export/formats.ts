import { stringify } from 'csv-stringify/sync';
import type { AuditEvent } from '../model';

export const EXPORT_FORMATS = ['ndjson', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CSV_COLUMNS = [
  'time', 'vendor', 'id', 'actor.id', 'actor.name', 'actor.type', 'actor.role', 'action',
  'resource.type', 'resource.id', 'resource.name', 'status', 'description', 'traceId', 'changes',
] as const;

/**
 * Spreadsheets run cells that start with = + - @ (or tab/CR) as formulas; audit data is
 * attacker-influenced, so such cells get a leading apostrophe.
 */
function cell(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvRow(event: AuditEvent): string[] {
  return [
    event.time, event.vendor, event.id, event.actor.id, event.actor.name, event.actor.type, event.actor.role,
    event.action, event.resource.type, event.resource.id, event.resource.name, event.status, event.description,
    event.traceId, event.changes.length > 0 ? JSON.stringify(event.changes) : null,
  ].map(cell);
}

export function toCsv(events: readonly AuditEvent[], header = true): string {
  return stringify(events.map(csvRow), { header, columns: header ? [...CSV_COLUMNS] : undefined, record_delimiter: 'unix' });
}

export function toNdjson(events: readonly AuditEvent[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}

export function toJson(events: readonly AuditEvent[]): string {
  return `${JSON.stringify(events, null, 2)}\n`;
}

export function formatEvents(events: readonly AuditEvent[], format: ExportFormat): string {
  switch (format) {
    case 'ndjson': return toNdjson(events);
    case 'json': return toJson(events);
    case 'csv': return toCsv(events);
  }
}

/** Events per piece of `formatEventChunks`: small enough to write, large enough to write few times. */
const EVENTS_PER_CHUNK = 1000;

/** One element of `JSON.stringify(events, null, 2)`: the event's own layout, one level deeper. */
function jsonElement(event: AuditEvent): string {
  // JSON text never holds a raw newline inside a string, so every newline is a line break.
  return `  ${JSON.stringify(event, null, 2).replace(/\n/g, '\n  ')}`;
}

/**
 * `formatEvents` in pieces of at most `perChunk` events, joining to exactly the same text:
 * a result too large for one string (V8 stops near 512M characters) can still be written.
 */
export function* formatEventChunks(events: readonly AuditEvent[], format: ExportFormat, perChunk = EVENTS_PER_CHUNK): Generator<string> {
  if (events.length === 0) {
    yield formatEvents(events, format);
    return;
  }
  for (let start = 0; start < events.length; start += perChunk) {
    const slice = events.slice(start, start + perChunk);
    const last = start + perChunk >= events.length;
    switch (format) {
      case 'ndjson':
        yield toNdjson(slice);
        break;
      case 'csv':
        yield toCsv(slice, start === 0);
        break;
      case 'json':
        yield `${start === 0 ? '[\n' : ',\n'}${slice.map(jsonElement).join(',\n')}${last ? '\n]\n' : ''}`;
        break;
    }
  }
}
