import type { AuditQuery } from '../model';
import { QueryParseError, type ParsedQuery } from './parse';
import { dateTimeForParse, durationMs as durationOf, durationProblem } from './timeValues';

/** Milliseconds in a duration such as `15m`, `24h`, `7d`. */
function durationMs(duration: string): number {
  const problem = durationProblem(duration);
  if (problem) throw new QueryParseError(`"${duration}" is not ${problem}.`, 0);
  return durationOf(duration);
}

function dateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Parses a typed date; a bare date means midnight UTC (or the end of that day for `to`). */
function toMs(value: string, endOfDay: boolean): number {
  if (dateOnly(value)) return Date.parse(`${value}T00:00:00.000Z`) + (endOfDay ? 86_400_000 - 1 : 0);
  const normalized = dateTimeForParse(value);
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(normalized) ? normalized : `${normalized}Z`);
}

/** Turns a parsed query into an absolute range: `since`, else `from`/`to`, else the default. */
export function resolveQuery(
  parsed: ParsedQuery,
  options: { now: number; defaultSince: string; limit?: number },
): AuditQuery {
  let fromMs: number;
  let toMsValue: number;
  if (parsed.since !== undefined) {
    toMsValue = options.now;
    fromMs = options.now - durationMs(parsed.since);
  } else if (parsed.from !== undefined || parsed.to !== undefined) {
    toMsValue = parsed.to !== undefined ? toMs(parsed.to, true) : options.now;
    fromMs = parsed.from !== undefined ? toMs(parsed.from, false) : toMsValue - durationMs(options.defaultSince);
  } else {
    toMsValue = options.now;
    fromMs = options.now - durationMs(options.defaultSince);
  }
  const fromAt = parsed.valueAt?.from ?? 0;
  const toAt = parsed.valueAt?.to ?? 0;
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMsValue)) {
    throw new QueryParseError('The time range is not a valid date.', Number.isFinite(fromMs) ? toAt : fromAt);
  }
  if (fromMs > toMsValue && parsed.from !== undefined && parsed.to === undefined) {
    throw new QueryParseError(`"from" (${new Date(fromMs).toISOString()}) is in the future, so nothing can be found yet. Give a time before now.`, fromAt);
  }
  if (fromMs > toMsValue) {
    throw new QueryParseError(`"from" (${new Date(fromMs).toISOString()}) is after "to" (${new Date(toMsValue).toISOString()}). Swap them.`, parsed.from !== undefined ? fromAt : toAt);
  }
  if (fromMs === toMsValue) {
    throw new QueryParseError(`"from" and "to" are the same instant (${new Date(fromMs).toISOString()}), so the range holds nothing. Make "to" later.`, parsed.to !== undefined ? toAt : fromAt);
  }
  return {
    ...parsed.filters,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMsValue).toISOString(),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  };
}
