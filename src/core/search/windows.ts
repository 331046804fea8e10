import type { AuditQuery } from '../model';
import type { TimeWindow, VendorLimits } from '../vendors/adapter';

export interface PlannedRange {
  /** Windows newest first, each within the vendor's maximum span. Empty when nothing is reachable. */
  windows: TimeWindow[];
  /** Said to the user when the range had to change. */
  notice?: string;
}

const DAY = 86_400_000;

function days(ms: number): string {
  const d = ms / DAY;
  return Number.isInteger(d) ? `${d} days` : `${Math.round(ms / 3_600_000)} hours`;
}

/**
 * Narrows the range to what the vendor can reach and splits it into windows no longer
 * than the vendor accepts, newest first (so a limit can stop early). Windows share their
 * boundary instant; the engine de-duplicates by id.
 */
export function planWindows(query: AuditQuery, limits: VendorLimits, now: number, label: string): PlannedRange {
  let from = Date.parse(query.from);
  const to = Date.parse(query.to);
  let notice: string | undefined;
  if (limits.reachMs !== undefined && from < now - limits.reachMs) {
    const reachStart = now - limits.reachMs;
    if (to < reachStart) {
      return { windows: [], notice: `${label} keeps audit events for ${days(limits.reachMs)} only: this range is older, so nothing was searched.` };
    }
    from = reachStart;
    notice = `${label} keeps audit events for ${days(limits.reachMs)} only: searched from ${new Date(from).toISOString()}.`;
  }
  const span = limits.maxWindowMs ?? Number.POSITIVE_INFINITY;
  const windows: TimeWindow[] = [];
  for (let end = to; ; end -= span) {
    const start = Math.max(from, end - span);
    windows.push({ from: new Date(start).toISOString(), to: new Date(end).toISOString() });
    if (start <= from) break;
  }
  return { windows, notice };
}
