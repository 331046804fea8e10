/** The loaded events of the current run, in arrival order, addressable by key. Pure. */
import type { AuditEvent } from '../../core/model';
import { eventKey } from '../../shared/protocol';

export class Results {
  private list: AuditEvent[] = [];
  private readonly index = new Map<string, number>();
  runId = -1;
  /** Bumped on every change so views can memoize on it. */
  version = 0;

  get events(): readonly AuditEvent[] {
    return this.list;
  }

  reset(runId: number): void {
    this.runId = runId;
    this.list = [];
    this.index.clear();
    this.version++;
  }

  /** Adds new events; an event already present is replaced (a repeated page). */
  add(events: readonly AuditEvent[]): void {
    for (const event of events) {
      const key = eventKey(event);
      const at = this.index.get(key);
      if (at === undefined) {
        this.index.set(key, this.list.length);
        this.list.push(event);
      } else {
        this.list[at] = event;
      }
    }
    this.version++;
  }

  /** Replaces events whose changes the engine completed later (AXP snapshots); unknown keys are ignored. */
  revise(events: readonly AuditEvent[]): void {
    for (const event of events) {
      const at = this.index.get(eventKey(event));
      if (at !== undefined) this.list[at] = event;
    }
    this.version++;
  }

  get(key: string): AuditEvent | undefined {
    const at = this.index.get(key);
    return at === undefined ? undefined : this.list[at];
  }
}
