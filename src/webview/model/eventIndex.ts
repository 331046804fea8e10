/**
 * What the local filters, facets and timeline read from each loaded event, derived once when
 * the event arrives instead of on every keystroke: its lower-cased column text, its time in
 * epoch ms, and each facet value interned as a small integer. Pure.
 */
import type { AuditEvent } from '../../core/model';
import type { FacetField } from '../../shared/viewState';
import { COLUMN_IDS, FACET_FIELDS } from '../../shared/viewState';
import type { EventConnection } from './fields';
import { cellText, facetValue } from './fields';

/** Where `EventIndex.of` places events when it is not told their connections. */
const NO_CONNECTION: EventConnection = { id: '', name: '' };

/**
 * The columns the text filter reads: every column's text, shown or not, but the connection's
 * name, which is the user's label for where the event came from, not what it says (the
 * Connection facet filters by it). Otherwise a word of a one-connection label matches every row.
 */
const SEARCHED_COLUMNS = COLUMN_IDS.filter((column) => column !== 'connection');

/** Joins the column texts of the search text; a needle containing it is matched column by column. */
const SEPARATOR = '\u0000';

/** One field's distinct values, each kept once; events refer to them by id. */
class InternedField {
  readonly values: string[] = [];
  readonly ids = new Map<string, number>();
  /** Per event position: the id of its value, or -1 when it has none. */
  readonly ofEvent: number[] = [];

  intern(value: string | null): number {
    if (value === null) return -1;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

export class EventIndex {
  /** Events by position (arrival order). */
  readonly events: AuditEvent[] = [];
  /** The connection of each position (one shared object per connection). */
  private readonly connections: EventConnection[] = [];
  private readonly text: string[] = [];
  /** Epoch ms per position; NaN when the time does not parse. */
  readonly time: number[] = [];
  private readonly fields = new Map<FacetField, InternedField>(FACET_FIELDS.map((field) => [field, new InternedField()]));

  static of(events: readonly AuditEvent[], connectionOf: (at: number) => EventConnection = () => NO_CONNECTION): EventIndex {
    const index = new EventIndex();
    events.forEach((event, at) => index.set(at, event, connectionOf(at)));
    return index;
  }

  get size(): number {
    return this.events.length;
  }

  /** Stores `event` of `connection` at position `at`: the next free position, or one it replaces. */
  set(at: number, event: AuditEvent, connection: EventConnection): void {
    this.events[at] = event;
    this.connections[at] = connection;
    this.text[at] = SEARCHED_COLUMNS.map((column) => cellText(event, column, connection).toLowerCase()).join(SEPARATOR);
    this.time[at] = Date.parse(event.time);
    for (const [field, interned] of this.fields) interned.ofEvent[at] = interned.intern(facetValue(event, field, connection));
  }

  connection(at: number): EventConnection {
    return this.connections[at];
  }

  field(field: FacetField): InternedField {
    return this.fields.get(field) as InternedField;
  }

  /** Whether any column of the event at `at` contains `needle` (already lower-cased). */
  hasText(at: number, needle: string): boolean {
    if (!needle.includes(SEPARATOR)) return this.text[at].includes(needle);
    const event = this.events[at];
    const connection = this.connections[at];
    return SEARCHED_COLUMNS.some((column) => cellText(event, column, connection).toLowerCase().includes(needle));
  }
}
