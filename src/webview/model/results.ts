/** The loaded events of the current run, in arrival order, addressable by key. Pure. */
import type { AuditEvent } from '../../core/model';
import { eventKey } from '../../shared/protocol';
import { EventIndex } from './eventIndex';

export class Results {
  /** The events and what filters read from them, by position; a new one per run. */
  index = new EventIndex();
  private readonly positions = new Map<string, number>();
  runId = -1;
  /** Bumped on every change so views can memoize on it. */
  version = 0;

  get events(): readonly AuditEvent[] {
    return this.index.events;
  }

  reset(runId: number): void {
    this.runId = runId;
    this.index = new EventIndex();
    this.positions.clear();
    this.version++;
  }

  /** Adds new events; an event already present is replaced (a repeated page). */
  add(events: readonly AuditEvent[]): void {
    for (const event of events) {
      const key = eventKey(event);
      const at = this.positions.get(key);
      if (at === undefined) {
        this.positions.set(key, this.index.size);
        this.index.set(this.index.size, event);
      } else {
        this.index.set(at, event);
      }
    }
    this.version++;
  }

  /** Replaces events whose changes the engine completed later (AXP snapshots); unknown keys are ignored. */
  revise(events: readonly AuditEvent[]): void {
    for (const event of events) {
      const at = this.positions.get(eventKey(event));
      if (at !== undefined) this.index.set(at, event);
    }
    this.version++;
  }

  /** The arrival position of the event with this key. */
  position(key: string): number | undefined {
    return this.positions.get(key);
  }

  get(key: string): AuditEvent | undefined {
    const at = this.positions.get(key);
    return at === undefined ? undefined : this.index.events[at];
  }
}
