import type { AuditQuery } from '../model';
import type { TimeWindow, VendorLimits } from '../vendors/adapter';

export interface PlannedRange {
  /** Windows newest first, each within the vendor's maximum span. Empty when nothing is reachable. */
  windows: TimeWindow[];
  /** Said to the user when the range had to change. */
  notices: string[];
  /** Said once the vendor has answered: the range's newest events may not be searchable yet. */
  freshness?: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Beyond a vendor's own lag: the time an event takes to be indexed, and clock skew. */
const ARRIVAL_SLACK_MS = 10 * 60_000;
/** How far before a vendor's reach a range may start without a notice that it was cut. */
const REACH_SLACK_MS = 60_000;

function days(ms: number): string {
  const d = ms / DAY;
  return Number.isInteger(d) ? `${d} days` : `${Math.round(ms / HOUR)} hours`;
}

/**
 * Narrows the range to what the vendor can reach and splits it into windows no longer
 * than the vendor accepts, newest first (so a limit can stop early). Windows share their
 * boundary instant; the engine de-duplicates by id.
 *
 * Where pages may be fetched in parallel, the newest part of the range, where events may
 * still be arriving, is a window of its own marked `live`, paged one page at a time: a new
 * event there moves every later record one place down the vendor's pages, so a page fetched
 * after the next one would skip a record, while one fetched before it only repeats one.
 */
export function planWindows(query: AuditQuery, limits: VendorLimits, now: number, label: string): PlannedRange {
  let from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const notices: string[] = [];
  if (limits.reachMs !== undefined && from < now - limits.reachMs) {
    const reachStart = now - limits.reachMs;
    if (to < reachStart) {
      return { windows: [], notices: [`${label} keeps audit events for ${days(limits.reachMs)} only: this range is older, so nothing was searched.`] };
    }
    // since:30d asked of a 30-day vendor starts a moment too early by the time it runs: nothing to tell.
    if (reachStart - from > REACH_SLACK_MS) {
      notices.push(`${label} keeps audit events for ${days(limits.reachMs)} only: searched from ${new Date(reachStart).toISOString()}.`);
    }
    from = reachStart;
  }
  const lag = limits.ingestLagMs ?? 0;
  const freshness = lag > 0 && to > now - lag
    ? `${label} makes audit events searchable about ${lag === HOUR ? 'an hour' : days(lag)} after they happen: events after ${new Date(now - lag).toISOString()} may not be there yet.`
    : undefined;
  const liveFrom = limits.parallelPages ? now - lag - ARRIVAL_SLACK_MS : Number.POSITIVE_INFINITY;
  const span = limits.maxWindowMs ?? Number.POSITIVE_INFINITY;
  const windows: TimeWindow[] = [];
  for (let end = to; ; end -= span) {
    const start = Math.max(from, end - span);
    if (end > liveFrom && start < liveFrom) {
      windows.push(timeWindow(liveFrom, end, true), timeWindow(start, liveFrom, false));
    } else {
      windows.push(timeWindow(start, end, end > liveFrom));
    }
    if (start <= from) break;
  }
  return { windows, notices, ...(freshness ? { freshness } : {}) };
}

function timeWindow(fromMs: number, toMs: number, live: boolean): TimeWindow {
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), ...(live ? { live } : {}) };
}
