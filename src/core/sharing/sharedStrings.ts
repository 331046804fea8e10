import type { AuditEvent } from '../model';

/**
 * Makes held records share one string per repeated value. `JSON.parse` gives every record
 * its own copy of each string, so 100k records from one project hold 100k copies of its id,
 * of each actor's login and of each object's name. The values stay equal; only copies go.
 *
 * Sharing is decided per field name and re-decided every `SAMPLE` lookups: a field whose
 * values stop repeating (ids, times) is no longer looked up, so unique values cost no more
 * than one sample. Records must be plain JSON data (as `JSON.parse` or a structured clone
 * builds them): strings are written back in place.
 */
const LONGEST_SHARED = 64;
const SAMPLE = 512;
/** Below half of a sample found again, a field is not worth looking up. */
const WORTHWHILE_HITS = SAMPLE / 2;
/** Deeper values are left alone: sharing is a saving, never a reason to recurse without bound. */
const DEEPEST = 8;
/** Records whose field names are themselves data (ids as keys) must not grow a pool per name. */
const MOST_FIELDS = 1024;
/** Not a record field name: descriptions are counted apart from the records' own fields. */
const DESCRIPTION = '\u0000description';

interface FieldValues {
  values: Map<string, string>;
  /** Lookups and hits in the current sample. */
  lookups: number;
  hits: number;
  /** Switched off at the end of a sample: this field's values rarely repeat. */
  off: boolean;
}

export class SharedStrings {
  private readonly fields = new Map<string, FieldValues>();

  /**
   * The event's record and description, and its change values: those come from the record,
   * so they take a string the record already holds but are not counted again.
   */
  shareInEvent(event: AuditEvent): void {
    this.shareIn(event.raw, 0);
    for (const change of event.changes) {
      if (typeof change.old === 'string') change.old = this.heldOr(change.field, change.old);
      if (typeof change.new === 'string') change.new = this.heldOr(change.field, change.new);
    }
    if (event.description !== null) event.description = this.shared(DESCRIPTION, event.description);
  }

  /** How many values of a field are held now (0 once it is switched off). */
  heldCount(field: string): number {
    return this.fields.get(field)?.values.size ?? 0;
  }

  private shareIn(record: Record<string, unknown>, depth: number): void {
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value === 'string') {
        // Written whether or not it is a copy: `!==` compares contents, not which string it is.
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

  /** The held string equal to `value`, or `value` itself. Neither adds nor counts. */
  private heldOr(key: string, value: string): string {
    return this.fields.get(key)?.values.get(value) ?? value;
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
    if (field.lookups === SAMPLE) {
      if (field.hits < WORTHWHILE_HITS) {
        field.off = true;
        field.values.clear();
      }
      field.lookups = 0;
      field.hits = 0;
    }
    return known ?? value;
  }
}
