import type { AuditEvent } from '../model';
import type { SnapshotDiffing } from '../vendors/adapter';

/**
 * Fills `changes` for snapshot vendors (AXP): each event is diffed against the previous
 * snapshot of the same object, whatever order pages arrive in. Adding an older snapshot
 * revises the next newer one, which the engine reports so views can refresh it.
 */
export class SnapshotLinker {
  private readonly chains = new Map<string, AuditEvent[]>();

  constructor(private readonly diffing: SnapshotDiffing) {}

  /** Links new events; returns previously added events whose changes were recomputed. */
  add(events: readonly AuditEvent[]): AuditEvent[] {
    let revised: Set<AuditEvent> | undefined;
    for (const event of events) {
      const key = this.diffing.key(event);
      const chain = key === null ? undefined : this.chains.get(key);
      if (chain === undefined) {
        if (key !== null) this.chains.set(key, [event]);
        event.changes = this.diffing.diff(null, event);
        continue;
      }
      const at = insertionIndex(chain, event);
      if (at === chain.length) chain.push(event);
      else chain.splice(at, 0, event);
      event.changes = this.diffing.diff(chain[at + 1] ?? null, event);
      const newer = chain[at - 1];
      if (newer) {
        newer.changes = this.diffing.diff(event, newer);
        (revised ??= new Set()).add(newer);
      }
    }
    if (revised === undefined) return [];
    // Events of this batch are delivered with it, so they are not revisions.
    const batch = new Set(events);
    const earlier: AuditEvent[] = [];
    for (const event of revised) if (!batch.has(event)) earlier.push(event);
    return earlier;
  }
}

/**
 * Chains are kept newest first, the order pages arrive in, so linking a page is a push, not
 * a shift of the whole chain (an object with 100k snapshots made that quadratic). Among
 * equal times, a later arrival counts as the older snapshot, as it is in a newest-first page.
 */
function insertionIndex(chain: readonly AuditEvent[], event: AuditEvent): number {
  let lo = 0;
  let hi = chain.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((chain[mid] as AuditEvent).time >= event.time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
