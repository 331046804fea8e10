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
    const newSet = new Set(events);
    const revised = new Set<AuditEvent>();
    for (const event of events) {
      const key = this.diffing.key(event);
      if (key === null) {
        event.changes = this.diffing.diff(null, event);
        continue;
      }
      let chain = this.chains.get(key);
      if (!chain) {
        chain = [];
        this.chains.set(key, chain);
      }
      const at = insertionIndex(chain, event);
      chain.splice(at, 0, event);
      event.changes = this.diffing.diff(chain[at - 1] ?? null, event);
      const newer = chain[at + 1];
      if (newer) {
        newer.changes = this.diffing.diff(event, newer);
        if (!newSet.has(newer)) revised.add(newer);
      }
    }
    return [...revised];
  }
}

/** Chains are kept oldest first; equal times keep arrival order. */
function insertionIndex(chain: readonly AuditEvent[], event: AuditEvent): number {
  let lo = 0;
  let hi = chain.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((chain[mid] as AuditEvent).time <= event.time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
