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
import { connectionNames } from '../../shared/connectionNames';
import { EventPositions } from '../../shared/eventPositions';
import { EventIndex } from './eventIndex';
import type { EventConnection } from './fields';

export class Results {
  /** The events and what filters read from them, by position; a new one per run. */
  index = new EventIndex();
  private positions = new EventPositions();
  private parts = new SharedParts();
  private strings = new SharedStrings();
  /** The run's connections by id, each one object that all its events' positions share. */
  private connections = new Map<string, EventConnection>();
  runId = -1;
  /** Bumped on every change so views can memoize on it. */
  version = 0;

  get events(): readonly AuditEvent[] {
    return this.index.events;
  }

  /** Starts a run over `connections` (ids and labels, as the `search` message names them). */
  reset(runId: number, connections: readonly { id: string; label: string }[] = []): void {
    this.runId = runId;
    this.connections = new Map([...connectionNames(connections)].map(([id, name]) => [id, { id, name }]));
    this.index = new EventIndex();
    this.positions = new EventPositions();
    this.parts = new SharedParts();
    this.strings = new SharedStrings();
    this.version++;
  }

  /** Adds new events of one connection; an event already present is replaced (a repeated page). */
  add(connectionId: string, events: readonly AuditEvent[]): void {
    const connection = this.connection(connectionId);
    for (const event of events) this.store(this.positions.place(connectionId, event.id, this.index.size).at, event, connection);
    this.version++;
  }

  /** Replaces events of one connection whose changes the engine completed later (AXP snapshots); unknown ones are ignored. */
  revise(connectionId: string, events: readonly AuditEvent[]): void {
    const connection = this.connection(connectionId);
    for (const event of events) {
      const at = this.positions.at(connectionId, event.id);
      if (at !== undefined) this.store(at, event, connection);
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

  /** What the panel calls a connection; one the search did not list is called by its id. */
  nameOf(connectionId: string): string {
    return this.connections.get(connectionId)?.name ?? connectionId;
  }

  private connection(connectionId: string): EventConnection {
    let connection = this.connections.get(connectionId);
    if (!connection) {
      connection = { id: connectionId, name: connectionId };
      this.connections.set(connectionId, connection);
    }
    return connection;
  }

  private store(at: number, event: AuditEvent, connection: EventConnection): void {
    this.parts.share(event);
    this.strings.shareInEvent(event);
    this.index.set(at, event, connection);
  }
}
