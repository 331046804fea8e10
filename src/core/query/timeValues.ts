/**
 * The time values a query names: durations (`since:`, `--since`) and dates (`from:`/`to:`,
 * `--from`/`--to`). One definition for the quick-search language and the CLI.
 */

/** Units in either case, but for M: an upper-case M reads as months to many, and there are none. */
const DURATION = /^(\d+)([smhdwSHDW])$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** Past this, `now - duration` is no longer a date anyone keeps audit logs for. */
const MAX_DURATION_MS = 100 * 365 * UNIT_MS.d;
/** A date, or a date-time with seconds' fractions to the nanosecond and an offset of hours (`+05`) or hours and minutes. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Milliseconds in a valid duration; callers check it with `durationProblem` first. */
export function durationMs(duration: string): number {
  const match = DURATION.exec(duration);
  return match ? Number(match[1]) * (UNIT_MS[(match[2] as string).toLowerCase()] as number) : Number.NaN;
}

/** What a duration should be, when `value` is not one; undefined when it is. */
export function durationProblem(value: string): string | undefined {
  const ms = durationMs(value);
  if (Number.isNaN(ms)) return 'a duration like 15m, 24h or 7d';
  if (ms === 0) return 'a duration longer than zero, like 15m';
  if (ms > MAX_DURATION_MS) return 'a duration of at most 100 years (36500d)';
  return undefined;
}

/** What a date should be, when `value` is not a real one (2025-02-30 is not); undefined when it is. */
export function dateProblem(value: string): string | undefined {
  const match = DATE.exec(value);
  const expected = 'a date like 2025-12-01 or 2025-12-01T10:00:00Z';
  if (!match) return expected;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const calendar = new Date(Date.UTC(year as number, (month as number) - 1, day as number));
  const real = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === (month as number) - 1 && calendar.getUTCDate() === day;
  if (!real || hour > 23 || minute > 59 || second > 59) return `${expected}, with a day that exists`;
  return Number.isNaN(Date.parse(dateTimeForParse(value))) ? expected : undefined;
}

/** A valid typed date-time in the shape `Date.parse` reads: `T` between date and time, an hours-only offset with its minutes. */
export function dateTimeForParse(value: string): string {
  const withT = value.replace(' ', 'T');
  return /[+-]\d{2}$/.test(withT) && withT.includes('T') ? `${withT}:00` : withT;
}
