import { NO_CHANGES, type AuditEvent, type FieldChange } from '../../model';
import type { SnapshotDiffing } from '../adapter';
import { retainedList, sameJson } from '../normalize';
import { auditDataOf, objectId } from './record';

/**
 * AXP's `auditData` is the whole object after each event, not a diff: a change is the
 * difference between two consecutive snapshots of the same object (same type and id).
 */
export const axpSnapshots: SnapshotDiffing = {
  key(event: AuditEvent): string | null {
    const type = typeof event.raw.type === 'string' && event.raw.type !== '' ? event.raw.type : null;
    if (!type) return null;
    const id = objectId(type, auditDataOf(event.raw));
    return id === null ? null : `${type}:${id}`;
  },

  /**
   * One change per top-level field that differs; fields missing on one side count as null.
   * Without an older snapshot, a CREATED event's fields are all new and any other event has none.
   */
  diff(older: AuditEvent | null, newer: AuditEvent): readonly FieldChange[] {
    const after = auditDataOf(newer.raw);
    if (older === null) {
      // Only a creation has nothing before it. Any other event's previous snapshot was not
      // fetched (before the range, or left out by a filter): nothing to compare it with,
      // which is not the same as every field being new.
      if (newer.action.toUpperCase() !== 'CREATED') return NO_CHANGES;
      const fields = Object.keys(after);
      return fields.length === 0 ? NO_CHANGES : fields.map((field): FieldChange => ({ field, old: null, new: after[field] }));
    }
    const changes: FieldChange[] = [];
    const before = auditDataOf(older.raw);
    for (const field of Object.keys(after)) {
      const oldValue = own(before, field);
      const newValue = after[field] ?? null;
      if (!sameJson(oldValue, newValue)) changes.push({ field, old: oldValue, new: newValue });
    }
    for (const field of Object.keys(before)) {
      if (Object.hasOwn(after, field)) continue;
      const oldValue = before[field] ?? null;
      if (!sameJson(oldValue, null)) changes.push({ field, old: oldValue, new: null });
    }
    return retainedList(changes);
  },
};

function own(object: Record<string, unknown>, field: string): unknown {
  return Object.hasOwn(object, field) ? object[field] ?? null : null;
}
