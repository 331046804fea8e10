import type { AuditEvent, FieldChange } from '../../model';
import type { SnapshotDiffing } from '../adapter';
import { sameJson } from '../normalize';
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

  /** One change per top-level field that differs; fields missing on one side count as null. */
  diff(older: AuditEvent | null, newer: AuditEvent): FieldChange[] {
    const after = auditDataOf(newer.raw);
    if (older === null) {
      return Object.keys(after).map((field) => ({ field, old: null, new: after[field] }));
    }
    const before = auditDataOf(older.raw);
    const fields = [...Object.keys(after), ...Object.keys(before).filter((field) => !Object.hasOwn(after, field))];
    const changes: FieldChange[] = [];
    for (const field of fields) {
      const oldValue = own(before, field);
      const newValue = own(after, field);
      if (!sameJson(oldValue, newValue)) changes.push({ field, old: oldValue, new: newValue });
    }
    return changes;
  },
};

function own(object: Record<string, unknown>, field: string): unknown {
  return Object.hasOwn(object, field) ? object[field] ?? null : null;
}
