import type { AuditEvent } from '../core/model';
import { printableLine } from './terminalText';

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

/** Characters a terminal draws two cells wide (CJK, Hangul, full-width forms, most emoji). */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

function cellWidth(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += cellWidth(ch);
  return width;
}

/** `text` cut (with …) or padded to exactly `width` terminal cells. */
function fit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text + ' '.repeat(width - displayWidth(text));
  let out = '';
  let used = 0;
  for (const ch of text) {
    if (used + cellWidth(ch) > width - 1) break;
    out += ch;
    used += cellWidth(ch);
  }
  return `${out}…${' '.repeat(Math.max(0, width - 1 - used))}`;
}

/** Column widths within `width`: fixed columns at their content, the rest grown by flex until they fit their content or the space runs out. */
function columnWidths(natural: readonly number[], width: number, gap: number): number[] {
  const widths = COLUMNS.map((column, i) => (column.flex === 0 ? natural[i] as number : Math.min(natural[i] as number, column.min)));
  let spare = width - widths.reduce((sum, w) => sum + w, 0) - gap * (COLUMNS.length - 1);
  while (spare > 0) {
    const growing = COLUMNS.flatMap((column, i) => (column.flex > 0 && (widths[i] as number) < (natural[i] as number) ? [i] : []));
    if (growing.length === 0) break;
    const flexTotal = growing.reduce((sum, i) => sum + (COLUMNS[i] as Column).flex, 0);
    let given = 0;
    for (const i of growing) {
      const share = Math.max(1, Math.floor((spare * (COLUMNS[i] as Column).flex) / flexTotal));
      const add = Math.min(share, (natural[i] as number) - (widths[i] as number), spare - given);
      widths[i] = (widths[i] as number) + add;
      given += add;
    }
    if (given === 0) break;
    spare -= given;
  }
  return widths;
}

function rowCells(event: AuditEvent): string[] {
  return COLUMNS.map((column) => printableLine(column.value(event)));
}

export interface TableOptions {
  /** Rows per piece. */
  perChunk?: number;
}

/**
 * An aligned table that fits the terminal width (or 160 columns when not a terminal), in
 * pieces of at most `perChunk` rows: the widths come from one pass over every event, the
 * lines are then built a piece at a time, so no single string holds the whole table.
 */
export function* tableChunks(events: readonly AuditEvent[], width = 160, options: TableOptions = {}): Generator<string> {
  const { perChunk = 1000 } = options;
  // A loop, not Math.max(...cells): spreading 100k+ values overflows the call stack.
  const natural = COLUMNS.map((column) => column.title.length);
  for (const event of events) {
    rowCells(event).forEach((cell, i) => { natural[i] = Math.max(natural[i] as number, displayWidth(cell)); });
  }
  const gap = 2;
  const widths = columnWidths(natural, width, gap);
  const line = (row: readonly string[]): string => `${row.map((cell, i) => fit(cell, widths[i] as number)).join(' '.repeat(gap)).trimEnd()}\n`;
  let chunk = line(COLUMNS.map((column) => column.title));
  for (let start = 0; start < events.length; start += perChunk) {
    for (const event of events.slice(start, start + perChunk)) chunk += line(rowCells(event));
    yield chunk;
    chunk = '';
  }
  yield `${chunk}\n${events.length} event${events.length === 1 ? '' : 's'}\n`;
}
