const UNITS: ReadonlyArray<readonly [name: string, ms: number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** Beyond a week, days and hours help no one, and an absurd Retry-After (millennia) must not read as a real wait. */
const LONGEST_WORDED_MS = 7 * 86_400_000;

/**
 * A wait or timeout in words: the largest unit and the next one, e.g. "2 minutes",
 * "1 hour 30 minutes", "0.5 seconds"; anything longer than a week is "more than a week".
 */
export function formatDuration(ms: number): string {
  if (ms > LONGEST_WORDED_MS) return 'more than a week';
  if (ms < 1_000) return `${Math.max(0, Math.round(ms / 100) / 10)} seconds`;
  const rounded = Math.round(ms / 1_000) * 1_000;
  const first = UNITS.findIndex(([, size]) => rounded >= size);
  const [name, size] = UNITS[first];
  const parts = [plural(Math.floor(rounded / size), name)];
  const next = UNITS[first + 1];
  if (next) {
    const count = Math.floor((rounded % size) / next[1]);
    if (count > 0) parts.push(plural(count, next[0]));
  }
  return parts.join(' ');
}

function plural(count: number, name: string): string {
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}

/** Bytes in words for logs and size errors, e.g. "1.2 kB", "64 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}
