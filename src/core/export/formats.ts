import { stringify } from 'csv-stringify/sync';
import type { AuditEvent } from '../model';

export const EXPORT_FORMATS = ['ndjson', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CSV_COLUMNS = [
  'time', 'vendor', 'id', 'actor.id', 'actor.name', 'actor.type', 'actor.role', 'action',
  'resource.type', 'resource.id', 'resource.name', 'status', 'description', 'traceId', 'changes',
] as const;

/**
 * The name of the connection each event came from, by position. The results panel passes it
 * (a search may span "prod" and "staging" of one vendor) and every format then carries a
 * `connection` after `vendor`; the CLI searches one connection and leaves it out.
 */
export type ConnectionNames = readonly string[];

/** Refuses connection names that do not pair one to one with the events. */
export function checkConnections(events: readonly AuditEvent[], connections: ConnectionNames | undefined): void {
  if (connections && connections.length !== events.length) {
    throw new RangeError(`${connections.length} connection names for ${events.length} events.`);
  }
}

/** The event with `connection` right after `vendor` (its other fields keep their order). */
function withConnection(event: AuditEvent, connection: string): AuditEvent & { connection: string } {
  const { vendor, ...rest } = event;
  return { vendor, connection, ...rest };
}

function labelled(events: readonly AuditEvent[], connections: ConnectionNames | undefined): readonly AuditEvent[] {
  checkConnections(events, connections);
  return connections ? events.map((event, at) => withConnection(event, connections[at] as string)) : events;
}

/**
 * Spreadsheets run cells that start with = + - @ (or tab/CR) as formulas; free text in audit
 * data is attacker-influenced (a display name, a description), so such cells get a leading
 * apostrophe. The connection name is guarded too: it may come from a workspace's settings.
 */
function guarded(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * With `exactIds`: ids (of the event, actor and resource), times, vendor, status and trace ids are written as they are, so they still match the
 * vendor's records (Perfecto's ids may start with "-"). A sign followed only by letters,
 * digits and `_.:-` calls no function and reaches no other program, so it is left alone;
 * anything else that starts like a formula is guarded as free text is.
 */
function exact(value: string | null): string {
  return value !== null && /^[-+][\w.:-]*$/.test(value) ? value : guarded(value);
}

function csvRow(event: AuditEvent, connection: string | undefined, exactIds: boolean): string[] {
  const id = exactIds ? exact : guarded;
  return [
    id(event.time), id(event.vendor), ...(connection === undefined ? [] : [guarded(connection)]), id(event.id),
    id(event.actor.id), guarded(event.actor.name), guarded(event.actor.type), guarded(event.actor.role), guarded(event.action),
    guarded(event.resource.type), id(event.resource.id), guarded(event.resource.name),
    id(event.status), guarded(event.description), id(event.traceId),
    guarded(event.changes.length > 0 ? JSON.stringify(event.changes) : null),
  ];
}

export interface CsvOptions {
  header?: boolean;
  connections?: ConnectionNames;
  /**
   * Ids, times and trace ids written exactly (`exact`), for tools that match them against the
   * vendor's (the CLI). Without it every cell is guarded: the panel's CSV is opened in
   * spreadsheets, where `-1KTa…` would read as a formula.
   */
  exactIds?: boolean;
}

export function toCsv(events: readonly AuditEvent[], options: CsvOptions = {}): string {
  const { header = true, connections, exactIds = false } = options;
  checkConnections(events, connections);
  const columns = connections ? [CSV_COLUMNS[0], CSV_COLUMNS[1], 'connection', ...CSV_COLUMNS.slice(2)] : [...CSV_COLUMNS];
  const rows = events.map((event, at) => csvRow(event, connections?.[at], exactIds));
  return stringify(rows, { header, columns: header ? columns : undefined, record_delimiter: 'unix' });
}

export function toNdjson(events: readonly AuditEvent[], connections?: ConnectionNames): string {
  return labelled(events, connections).map((event) => `${JSON.stringify(event)}\n`).join('');
}

export function toJson(events: readonly AuditEvent[], connections?: ConnectionNames): string {
  return `${JSON.stringify(labelled(events, connections), null, 2)}\n`;
}

export function formatEvents(events: readonly AuditEvent[], format: ExportFormat, connections?: ConnectionNames): string {
  switch (format) {
    case 'ndjson': return toNdjson(events, connections);
    case 'json': return toJson(events, connections);
    case 'csv': return toCsv(events, { connections });
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
 * Pieces end between events, so a credential in a record is never cut in two.
 */
export function* formatEventChunks(
  events: readonly AuditEvent[], format: ExportFormat, options: { perChunk?: number; connections?: ConnectionNames; exactIds?: boolean } = {},
): Generator<string> {
  const { connections, exactIds } = options;
  const perChunk = Math.max(1, Math.floor(options.perChunk ?? EVENTS_PER_CHUNK));
  checkConnections(events, connections);
  if (events.length === 0) {
    yield format === 'csv' ? toCsv(events, { connections, exactIds }) : formatEvents(events, format, connections);
    return;
  }
  for (let start = 0; start < events.length; start += perChunk) {
    const slice = events.slice(start, start + perChunk);
    const names = connections?.slice(start, start + perChunk);
    const last = start + perChunk >= events.length;
    switch (format) {
      case 'ndjson':
        yield toNdjson(slice, names);
        break;
      case 'csv':
        yield toCsv(slice, { header: start === 0, connections: names, exactIds });
        break;
      case 'json':
        yield `${start === 0 ? '[\n' : ',\n'}${labelled(slice, names).map(jsonElement).join(',\n')}${last ? '\n]\n' : ''}`;
        break;
    }
  }
}
