/** Time bins for the timeline histogram. Pure. */
import type { EventIndex } from './eventIndex';
import type { Positions } from './filters';

export interface Bin {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive (the last bin includes its end). */
  end: number;
  count: number;
  failures: number;
}

const STEPS_MS = [
  1_000, 5_000, 10_000, 30_000, 60_000, 5 * 60_000, 10 * 60_000, 30 * 60_000,
  3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000,
];

/** The smallest round step that splits the span into at most `maxBins` bins. */
export function binWidth(spanMs: number, maxBins: number): number {
  const wanted = spanMs / Math.max(1, maxBins);
  return STEPS_MS.find((step) => step >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
}

/** Bins aligned to round step boundaries covering [from, to]; events outside are ignored. */
export function computeBins(index: EventIndex, rows: Positions, from: number, to: number, maxBins: number): Bin[] {
  if (!(to > from)) return [];
  const width = binWidth(to - from, maxBins);
  const first = Math.floor(from / width) * width;
  // A `to` on a bin boundary ends the last bin (which includes its end) rather than opening an empty one.
  const n = Math.max(1, Math.ceil((to - first) / width));
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({ start: first + i * width, end: first + (i + 1) * width, count: 0, failures: 0 }));
  const { time } = index;
  const status = index.field('status');
  const failure = status.ids.get('failure') ?? -2;
  for (const at of rows) {
    const t = time[at];
    if (!(t >= from && t <= to)) continue;
    const bin = bins[Math.min(n - 1, Math.floor((t - first) / width))];
    bin.count++;
    if (status.ofEvent[at] === failure) bin.failures++;
  }
  return bins;
}

/** The time range to chart: the search range, or the shown events' span when the range is unknown. */
export function chartRange(range: { from: string; to: string } | null, index: EventIndex, rows: Positions): { from: number; to: number } | null {
  if (range) {
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    if (to > from) return { from, to };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const at of rows) {
    const t = index.time[at];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return max > min ? { from: min, to: max } : null;
}

/** Maps a drag between two x fractions (0..1, any order) to a time range. */
export function dragToRange(range: { from: number; to: number }, a: number, b: number): { from: number; to: number } {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const [lo, hi] = a <= b ? [clamp(a), clamp(b)] : [clamp(b), clamp(a)];
  const span = range.to - range.from;
  return { from: Math.round(range.from + lo * span), to: Math.round(range.from + hi * span) };
}
