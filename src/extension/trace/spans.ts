/** A half-open range `[start, end)` of a line. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The candidates that overlap no claimed span. Both lists are sorted by start and free of
 * overlaps within themselves, so one walk over each is enough: a check of every candidate
 * against every claimed span took seconds on a long line with thousands of ids.
 */
export function unclaimed<T extends Span>(candidates: readonly T[], claimed: readonly Span[]): T[] {
  const kept: T[] = [];
  let next = 0;
  for (const candidate of candidates) {
    while (next < claimed.length && (claimed[next] as Span).end <= candidate.start) next++;
    const blocker = claimed[next];
    if (blocker === undefined || blocker.start >= candidate.end) kept.push(candidate);
  }
  return kept;
}

/** Two sorted lists of spans, none overlapping another, as one sorted list. */
export function mergeSpans<T extends Span>(a: readonly T[], b: readonly T[]): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const left = a[i];
    const right = b[j];
    if (right === undefined || (left !== undefined && left.start <= right.start)) {
      merged.push(left as T);
      i++;
    } else {
      merged.push(right);
      j++;
    }
  }
  return merged;
}
