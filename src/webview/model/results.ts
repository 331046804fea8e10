/**
 * The loaded events of the current run, in arrival order, addressable by key. Pure.
 *
 * Held compactly, the way the host holds them: messages arrive as fresh copies of every
 * string and object, so each event is made to share the run's actor and resource objects and
 * its record's repeated strings, and events are found by connection and id (`EventPositions`).
 */
import type { AuditEvent } from '../../core/model';
import { SharedParts } from '../../core/sharing/sharedParts';
import { SharedStrings } from '../../core/sharing/sharedStrings';
import { EventPositions } from '../../shared/eventPositions';
import { EventIndex } from './eventIndex';

export class Results {
  /** The events and what filters read from them, by position; a new one per run. */
  index = new EventIndex();
  private positions = new EventPositions();
  private parts = new SharedParts();
  private strings = new SharedStrings();
  runId = -1;
  /** Bumped on every change so views can memoize on it. */
  version = 0;

  get events(): readonly AuditEvent[] {
    return this.index.events;
  }

  reset(runId: number): void {
    this.runId = runId;
    this.index = new EventIndex();
    this.positions = new EventPositions();
    this.parts = new SharedParts();
    this.strings = new SharedStrings();
    this.version++;
  }

  /** Adds new events of one connection; an event already present is replaced (a repeated page). */
  add(connectionId: string, events: readonly AuditEvent[]): void {
    for (const event of events) this.store(this.positions.place(connectionId, event.id, this.index.size).at, event);
    this.version++;
  }

  /** Replaces events of one connection whose changes the engine completed later (AXP snapshots); unknown ones are ignored. */
  revise(connectionId: string, events: readonly AuditEvent[]): void {
    for (const event of events) {
      const at = this.positions.at(connectionId, event.id);
      if (at !== undefined) this.store(at, event);
    }
    this.version++;
  }

  /** The arrival position of the event with this `eventKey`. */
  position(key: string): number | undefined {
    return this.positions.find(key);
  }

  /** The `eventKey` of the event at arrival position `at`. */
  keyAt(at: number): string {
    return this.positions.keyAt(at, (this.index.events[at] as AuditEvent).id);
  }

  get(key: string): AuditEvent | undefined {
    const at = this.position(key);
    return at === undefined ? undefined : this.index.events[at];
  }

  private store(at: number, event: AuditEvent): void {
    this.parts.share(event);
    this.strings.shareInEvent(event);
    this.index.set(at, event);
  }
}
