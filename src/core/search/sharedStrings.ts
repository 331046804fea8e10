/**
 * Makes held records share one string per repeated value. `JSON.parse` gives every record
 * its own copy of each string, so 100k records from one project hold 100k copies of its id,
 * of each actor's login and of each object's name. The values stay equal; only copies go.
 *
 * Sharing is decided per field name: a field whose values rarely repeat (ids, times) stops
 * being looked up after a sample, so unique values cost no more than that sample.
 */
import type { AuditEvent } from '../model';

const LONGEST_SHARED = 64;
/** Not a record field name: descriptions are counted apart from the records' own fields. */
const DESCRIPTION = '\u0000description';
const SAMPLE = 512;
/** Below half of the sample found again, a field is not worth looking up. */
const WORTHWHILE_HITS = SAMPLE / 2;
/** Deeper values are left alone: sharing is a saving, never a reason to recurse without bound. */
const DEEPEST = 8;
/** Records whose field names are themselves data (ids as keys) must not grow a pool per name. */
const MOST_FIELDS = 1024;

interface FieldValues {
  values: Map<string, string>;
  lookups: number;
  hits: number;
  /** Stopped after the sample: this field's values rarely repeat. */
  off: boolean;
}

export class SharedStrings {
  private readonly fields = new Map<string, FieldValues>();

  /** The event's record, change values and description: what it holds beyond shared actors and resources. */
  shareInEvent(event: AuditEvent): void {
    this.shareIn(event.raw);
    for (const change of event.changes) {
      if (typeof change.old === 'string') change.old = this.shared(change.field, change.old);
      else if (change.old !== null && typeof change.old === 'object') this.shareIn(change.old as Record<string, unknown>, 1);
      if (typeof change.new === 'string') change.new = this.shared(change.field, change.new);
      else if (change.new !== null && typeof change.new === 'object') this.shareIn(change.new as Record<string, unknown>, 1);
    }
    if (event.description !== null) event.description = this.shared(DESCRIPTION, event.description);
  }

  /** Replaces each string in `record` (and its nested objects and lists) by an equal one already held. */
  shareIn(record: Record<string, unknown>, depth = 0): void {
    for (const key in record) {
      const value = record[key];
      if (typeof value === 'string') {
        // Assigned whether or not it is a copy: `!==` compares contents, not which string it is.
        record[key] = this.shared(key, value);
      } else if (value !== null && typeof value === 'object' && depth < DEEPEST) {
        if (Array.isArray(value)) this.shareInList(key, value, depth + 1);
        else this.shareIn(value as Record<string, unknown>, depth + 1);
      }
    }
  }

  /** A list's strings count as values of the field that holds the list. */
  private shareInList(key: string, list: unknown[], depth: number): void {
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (typeof item === 'string') {
        list[i] = this.shared(key, item);
      } else if (item !== null && typeof item === 'object' && !Array.isArray(item) && depth < DEEPEST) {
        this.shareIn(item as Record<string, unknown>, depth + 1);
      }
    }
  }

  /** The held string equal to `value`, or `value`, which is then held for the next record. */
  private shared(key: string, value: string): string {
    if (value.length > LONGEST_SHARED) return value;
    let field = this.fields.get(key);
    if (!field) {
      if (this.fields.size >= MOST_FIELDS) return value;
      field = { values: new Map(), lookups: 0, hits: 0, off: false };
      this.fields.set(key, field);
    }
    if (field.off) return value;
    field.lookups++;
    const known = field.values.get(value);
    if (known !== undefined) field.hits++;
    else field.values.set(value, value);
    if (field.lookups === SAMPLE && field.hits < WORTHWHILE_HITS) {
      field.off = true;
      field.values.clear();
    }
    return known ?? value;
  }
}
