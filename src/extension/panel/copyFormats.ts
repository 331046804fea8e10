/** Selected rows as text for the clipboard. Pure. */
import type { ConnectionNames } from '../../core/export/formats';
import { checkConnections, toCsv, toJson } from '../../core/export/formats';
import type { AuditEvent } from '../../core/model';
import type { CopyFormat } from '../../shared/protocol';

function markdownCell(value: string | null): string {
  return (value ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown table of the rows; with `connections` (by position), a Connection column after Vendor. */
export function toMarkdown(events: readonly AuditEvent[], connections?: ConnectionNames): string {
  checkConnections(events, connections);
  const withConnection = (cells: (string | null)[], connection: string | undefined) =>
    (connections ? [...cells.slice(0, 2), connection ?? null, ...cells.slice(2)] : cells);
  const header = withConnection(['Time', 'Vendor', 'Actor', 'Action', 'Resource', 'Status', 'Description', 'Trace id'], 'Connection');
  const rows = events.map((e, at) => withConnection([
    e.time, e.vendor, e.actor.name ?? e.actor.id, e.action,
    [e.resource.type, e.resource.name ?? e.resource.id].filter(Boolean).join('/'), e.status, e.description, e.traceId,
  ], connections?.[at]).map(markdownCell));
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}

/** The rows in `format`, each naming its connection (`connections`, by position). */
export function formatRows(events: readonly AuditEvent[], format: CopyFormat, connections: ConnectionNames): string {
  switch (format) {
    case 'json': return toJson(events, connections);
    case 'csv': return toCsv(events, { connections });
    case 'markdown': return toMarkdown(events, connections);
  }
}
