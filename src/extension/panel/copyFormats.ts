/** Selected rows as text for the clipboard. Pure. */
import { toCsv, toJson } from '../../core/export/formats';
import type { AuditEvent } from '../../core/model';
import type { CopyFormat } from '../../shared/protocol';

function markdownCell(value: string | null): string {
  return (value ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function toMarkdown(events: readonly AuditEvent[]): string {
  const header = ['Time', 'Vendor', 'Actor', 'Action', 'Resource', 'Status', 'Description', 'Trace id'];
  const rows = events.map((e) => [
    e.time, e.vendor, e.actor.name ?? e.actor.id, e.action,
    [e.resource.type, e.resource.name ?? e.resource.id].filter(Boolean).join('/'), e.status, e.description, e.traceId,
  ].map(markdownCell));
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}

export function formatRows(events: readonly AuditEvent[], format: CopyFormat): string {
  switch (format) {
    case 'json': return toJson(events);
    case 'csv': return toCsv(events);
    case 'markdown': return toMarkdown(events);
  }
}
