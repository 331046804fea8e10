/**
 * The loaded events of the current run, in arrival order, addressable by key. Pure.
 *
 * Held compactly, the way the host holds them: messages arrive as fresh copies of every
 * string and object, so each event is made to share the run's actor and resource objects and
 * its record's repeated strings, and events are found per vendor by their own id strings
 * instead of a `vendor:id` string built per event.
 */
import type { AuditEvent, VendorId } from '../../core/model';
import { SharedParts } from '../../core/sharing/sharedParts';
import { SharedStrings } from '../../core/sharing/sharedStrings';
import { parseEventKey } from '../../shared/protocol';
import { EventIndex } from './eventIndex';

export class Results {
  /** The events and what filters read from them, by position; a new one per run. */
  index = new EventIndex();
  /** Each event's position, by vendor and then id. */
  private positions = new Map<VendorId, Map<string, number>>();
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
    this.parts = new SharedParts();
    this.strings = new SharedStrings();
    this.version++;
  }

  /** Adds new events; an event already present is replaced (a repeated page). */
  add(events: readonly AuditEvent[]): void {
    for (const event of events) {
      let ofVendor = this.positions.get(event.vendor);
      if (!ofVendor) {
        ofVendor = new Map();
        this.positions.set(event.vendor, ofVendor);
      }
      let at = ofVendor.get(event.id);
      if (at === undefined) {
        at = this.index.size;
        ofVendor.set(event.id, at);
      }
      this.store(at, event);
    }
    this.version++;
  }

  /** Replaces events whose changes the engine completed later (AXP snapshots); unknown keys are ignored. */
  revise(events: readonly AuditEvent[]): void {
    for (const event of events) {
      const at = this.positions.get(event.vendor)?.get(event.id);
      if (at !== undefined) this.store(at, event);
    }
    this.version++;
  }

  /** The arrival position of the event with this key (`vendor:id`; vendor names hold no colon). */
  position(key: string): number | undefined {
    const parsed = parseEventKey(key);
    return parsed && this.positions.get(parsed.vendor as VendorId)?.get(parsed.id);
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
