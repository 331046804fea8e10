/**
 * Where each event of a run sits in arrival order, found by connection and id: what the
 * host's `SearchRun` and the webview's `Results` both keep. Ids repeat across connections of
 * one vendor (two regions, each numbering from 1), so they are looked up per connection; the
 * events' own id strings are the map keys, and keys (`eventKey`) are built only when asked.
 */
import { eventKey, parseEventKey } from './protocol';

export class EventPositions {
  /** Per connection: its id string (one shared by all its positions) and each event's position. */
  private readonly byConnection = new Map<string, { connectionId: string; ids: Map<string, number> }>();
  /** The connection of each position. */
  private readonly connectionOf: string[] = [];

  /** The position of this connection's event `id`: its old one, or `next`, which it then takes. */
  place(connectionId: string, id: string, next: number): { at: number; known: boolean } {
    let ofConnection = this.byConnection.get(connectionId);
    if (!ofConnection) {
      ofConnection = { connectionId, ids: new Map() };
      this.byConnection.set(connectionId, ofConnection);
    }
    const known = ofConnection.ids.get(id);
    if (known !== undefined) return { at: known, known: true };
    ofConnection.ids.set(id, next);
    this.connectionOf[next] = ofConnection.connectionId;
    return { at: next, known: false };
  }

  at(connectionId: string, id: string): number | undefined {
    return this.byConnection.get(connectionId)?.ids.get(id);
  }

  /** The position of the event with this `eventKey`. */
  find(key: string): number | undefined {
    const parsed = parseEventKey(key);
    return parsed && this.at(parsed.connectionId, parsed.id);
  }

  connectionAt(at: number): string {
    return this.connectionOf[at] as string;
  }

  /** The `eventKey` of the event with this `id` at position `at`. */
  keyAt(at: number, id: string): string {
    return eventKey(this.connectionAt(at), id);
  }
}
