const UNITS: ReadonlyArray<[name: string, ms: number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** A wait or timeout in words, e.g. "2 minutes", "1 hour 30 minutes", "0.5 seconds". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms / 100) / 10)} seconds`;
  const parts: string[] = [];
  const rounded = Math.round(ms / 1_000) * 1_000;
  const first = UNITS.findIndex(([, size]) => rounded >= size);
  // The largest unit and the next one: "1 day 3 hours" is precise enough for a wait.
  for (const [name, size] of UNITS.slice(first, first + 2)) {
    const count = Math.floor((rounded % (UNITS[UNITS.indexOf([name, size] as never)]?.[1] ?? Infinity)) / size);
    if (count > 0) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
  }
  return parts.join(' ');
}

/** Bytes in words for logs and size errors, e.g. "1.2 kB", "64 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}
