/**
 * The loaded events of the current run, in arrival order, addressable by key. Pure.
 *
 * Held compactly, the way the host holds them: messages arrive as fresh copies of every
 * string and object, so each event is made to share the run's actor and resource objects and
 * its record's repeated strings, and events are found per connection by their own id strings
 * instead of a key string held per event (keys are built when asked for).
 */
import type { AuditEvent } from '../../core/model';
import { SharedParts } from '../../core/sharing/sharedParts';
import { SharedStrings } from '../../core/sharing/sharedStrings';
import { eventKey, parseEventKey } from '../../shared/protocol';
import { EventIndex } from './eventIndex';

export class Results {
  /** The events and what filters read from them, by position; a new one per run. */
  index = new EventIndex();
  /**
   * Each event's position, by connection and then id (ids repeat across connections of one
   * vendor), with the connection's id string that every position of it shares.
   */
  private positions = new Map<string, { connectionId: string; ids: Map<string, number> }>();
  /** The connection of each event, by position. */
  private connectionOf: string[] = [];
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
    this.positions = new Map();
    this.connectionOf = [];
    this.parts = new SharedParts();
    this.strings = new SharedStrings();
    this.version++;
  }

  /** Adds new events of one connection; an event already present is replaced (a repeated page). */
  add(connectionId: string, events: readonly AuditEvent[]): void {
    let ofConnection = this.positions.get(connectionId);
    if (!ofConnection) {
      ofConnection = { connectionId, ids: new Map() };
      this.positions.set(connectionId, ofConnection);
    }
    for (const event of events) {
      let at = ofConnection.ids.get(event.id);
      if (at === undefined) {
        at = this.index.size;
        ofConnection.ids.set(event.id, at);
        this.connectionOf[at] = ofConnection.connectionId;
      }
      this.store(at, event);
    }
    this.version++;
  }

  /** Replaces events of one connection whose changes the engine completed later (AXP snapshots); unknown ones are ignored. */
  revise(connectionId: string, events: readonly AuditEvent[]): void {
    const ofConnection = this.positions.get(connectionId);
    for (const event of events) {
      const at = ofConnection?.ids.get(event.id);
      if (at !== undefined) this.store(at, event);
    }
    this.version++;
  }

  /** The arrival position of the event with this `eventKey`. */
  position(key: string): number | undefined {
    const parsed = parseEventKey(key);
    return parsed && this.positions.get(parsed.connectionId)?.ids.get(parsed.id);
  }

  /** The `eventKey` of the event at arrival position `at`. */
  keyAt(at: number): string {
    return eventKey(this.connectionOf[at] as string, (this.index.events[at] as AuditEvent).id);
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
