import type { AuditEvent } from '../model';
import type { SnapshotDiffing } from '../vendors/adapter';

/**
 * One object's snapshots, newest first, the order pages arrive in, so linking a page is a
 * push, not a shift of the whole chain (an object with 100k snapshots made that quadratic).
 * `ranks[i]` is where `events[i]` stood in the vendor's newest-first listing.
 */
interface Chain {
  events: AuditEvent[];
  ranks: number[];
}

/**
 * Fills `changes` for snapshot vendors (AXP): each event is diffed against the previous
 * snapshot of the same object, whatever order pages arrive in. Adding an older snapshot
 * revises the next newer one, which the engine reports so views can refresh it.
 */
export class SnapshotLinker {
  private readonly chains = new Map<string, Chain>();

  constructor(private readonly diffing: SnapshotDiffing) {}

  /**
   * Links new events; returns previously added events whose changes were recomputed.
   * `firstRank` is the listing position of `events[0]`, the others following it: of two
   * snapshots at the same time, the one listed first is the newer, even when its page
   * arrives after the other's.
   */
  add(events: readonly AuditEvent[], firstRank: number): AuditEvent[] {
    let revised: Set<AuditEvent> | undefined;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as AuditEvent;
      const rank = firstRank + i;
      const key = this.diffing.key(event);
      const chain = key === null ? undefined : this.chains.get(key);
      if (chain === undefined) {
        if (key !== null) this.chains.set(key, { events: [event], ranks: [rank] });
        event.changes = this.diffing.diff(null, event);
        continue;
      }
      const at = insertionIndex(chain, event.time, rank);
      if (at === chain.events.length) {
        chain.events.push(event);
        chain.ranks.push(rank);
      } else {
        chain.events.splice(at, 0, event);
        chain.ranks.splice(at, 0, rank);
      }
      event.changes = this.diffing.diff(chain.events[at + 1] ?? null, event);
      const newer = chain.events[at - 1];
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

/** Where a snapshot goes in a newest-first chain: after every newer one, and after equal times listed before it. */
function insertionIndex(chain: Chain, time: string, rank: number): number {
  let lo = 0;
  let hi = chain.events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const other = (chain.events[mid] as AuditEvent).time;
    if (other > time || (other === time && (chain.ranks[mid] as number) < rank)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
