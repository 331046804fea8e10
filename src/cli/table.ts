import type { AuditEvent } from '../core/model';

interface Column {
  title: string;
  value(event: AuditEvent): string;
  /** Share of the spare width this column may take. */
  flex: number;
  min: number;
}

const COLUMNS: readonly Column[] = [
  { title: 'TIME', value: (e) => e.time, flex: 0, min: 24 },
  { title: 'VENDOR', value: (e) => e.vendor, flex: 0, min: 9 },
  { title: 'ACTOR', value: (e) => e.actor.name ?? e.actor.id ?? '', flex: 2, min: 10 },
  { title: 'ACTION', value: (e) => e.action, flex: 2, min: 10 },
  { title: 'RESOURCE', value: (e) => [e.resource.type, e.resource.id ?? e.resource.name].filter(Boolean).join('/'), flex: 2, min: 10 },
  { title: 'STATUS', value: (e) => e.status ?? '', flex: 0, min: 7 },
  { title: 'DESCRIPTION', value: (e) => e.description ?? '', flex: 3, min: 12 },
];

/** Vendor text may carry terminal escape sequences: show them, never let the terminal run them. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => (ch === '\n' || ch === '\t' ? ' ' : '\uFFFD'));
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
}

/** An aligned table that fits the terminal width (or 160 columns when not a terminal). */
export function formatTable(events: readonly AuditEvent[], width = 160): string {
  const cells = events.map((event) => COLUMNS.map((column) => printable(column.value(event))));
  const natural = COLUMNS.map((column, i) => Math.max(column.title.length, ...cells.map((row) => (row[i] as string).length)));
  const gap = 2;
  const fixed = COLUMNS.reduce((sum, column, i) => sum + (column.flex === 0 ? (natural[i] as number) : column.min) + gap, 0);
  const spare = Math.max(0, width - fixed);
  const flexTotal = COLUMNS.reduce((sum, column) => sum + column.flex, 0);
  const widths = COLUMNS.map((column, i) => (column.flex === 0
    ? (natural[i] as number)
    : Math.min(natural[i] as number, column.min + Math.floor((spare * column.flex) / flexTotal))));
  const line = (row: readonly string[]): string => row.map((cell, i) => fit(cell, widths[i] as number)).join(' '.repeat(gap)).trimEnd();
  const lines = [line(COLUMNS.map((column) => column.title)), ...cells.map(line)];
  lines.push('', `${events.length} event${events.length === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}
