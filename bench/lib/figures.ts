/** The benchmark's results: one figure per measured quantity, printed as a table and saved as JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { round } from './stats';

export interface Budget {
  /** The figure passes when it is at most this. */
  max?: number;
  /** The figure passes when it is at least this. */
  min?: number;
}

export interface Figure {
  /** The item, e.g. "1 fetch throughput". */
  section: string;
  name: string;
  /** null when the figure could not be measured (the note says why). */
  value: number | null;
  unit: string;
  budget?: Budget;
  note?: string;
  /** Every repeat, so the spread behind a median is visible in the JSON. */
  samples?: number[];
}

export type Verdict = 'PASS' | 'MISS' | 'info' | 'not measured';

export function verdict(figure: Figure): Verdict {
  if (figure.value === null || Number.isNaN(figure.value)) return 'not measured';
  if (!figure.budget) return 'info';
  const { max, min } = figure.budget;
  if (max !== undefined && figure.value > max) return 'MISS';
  if (min !== undefined && figure.value < min) return 'MISS';
  return 'PASS';
}

function budgetText(budget: Budget | undefined, unit: string): string {
  if (!budget) return '';
  const parts: string[] = [];
  if (budget.min !== undefined) parts.push(`≥ ${budget.min}${unit}`);
  if (budget.max !== undefined) parts.push(`≤ ${budget.max}${unit}`);
  return parts.join(', ');
}

function valueText(figure: Figure): string {
  if (figure.value === null || Number.isNaN(figure.value)) return '—';
  const digits = Math.abs(figure.value) >= 100 ? 0 : Math.abs(figure.value) >= 10 ? 1 : 2;
  return `${round(figure.value, digits)}${figure.unit}`;
}

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.section, f.name, valueText(f), budgetText(f.budget, f.unit), verdict(f), f.note ?? '']);
  const header = ['item', 'figure', 'value', 'budget', 'result', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  widths[5] = header[5].length; // notes run on to the end of the line
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Writes `bench-results/<stamp>.json` and `bench-results/latest.json`; returns the stamped path. */
export function writeResults(figures: readonly Figure[], meta: Record<string, unknown>): string {
  const dir = path.resolve(__dirname, '../../bench-results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ ...meta, figures: figures.map((f) => ({ ...f, result: verdict(f) })) }, null, 2);
  const file = path.join(dir, `${stamp}.json`);
  writeFileSync(file, json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  return file;
}
