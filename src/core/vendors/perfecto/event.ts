import { NO_CHANGES, type AuditEvent, type AuditStatus, type FieldChange } from '../../model';
import { asRecord, contentHash, pickString, toIsoTime } from '../normalize';

/**
 * One Perfecto hit as a normalized event. Reads defensively, so the same code builds the
 * event for a valid hit and salvages what it can from a drifted one. `raw` is the hit
 * exactly as received (`_id`, `_source`, `sort`, …).
 */
export function perfectoHitToEvent(raw: Record<string, unknown>, unreadableTime: string): AuditEvent {
  const source = asRecord(raw['_source']);
  const id = typeof raw['_id'] === 'string' && raw['_id'] !== '' ? raw['_id'] : contentHash(raw);
  return {
    vendor: 'perfecto',
    id,
    time: eventTime(source, raw['sort']) ?? unreadableTime,
    actor: {
      id: pickString(source, 'actorId', 'actor_id'),
      name: null,
      type: pickString(source, 'actorType', 'actor_type'),
      role: null,
    },
    action: pickString(source, 'action') ?? '',
    resource: {
      type: pickString(source, 'resourceType', 'resource_type'),
      id: pickString(source, 'resourceId', 'resource_id'),
      name: pickString(asRecord(source['custom_fields']), 'name'),
    },
    status: toStatus(source['status']),
    description: pickString(source, 'description'),
    traceId: pickString(source, 'trace_id', 'traceId'),
    changes: toChanges(source['changes']),
    raw,
  };
}

/** `timestamp` (millisecond precision), then Logstash's `@timestamp`, then the sort value. */
function eventTime(source: Record<string, unknown>, sort: unknown): string | null {
  const sortValue = Array.isArray(sort) ? sort[0] : undefined;
  return toIsoTime(source['timestamp']) ?? toIsoTime(source['@timestamp']) ?? toIsoTime(sortValue);
}

function toStatus(value: unknown): AuditStatus {
  if (typeof value !== 'string') return null;
  const status = value.trim().toLowerCase();
  return status === 'success' || status === 'failure' ? status : null;
}

/** `{ field: { old, new } }` to change rows; a bare value counts as the new value. */
function toChanges(value: unknown): readonly FieldChange[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return NO_CHANGES;
  return Object.entries(value as Record<string, unknown>).map(([field, change]) => {
    if (change !== null && typeof change === 'object' && !Array.isArray(change) && ('old' in change || 'new' in change)) {
      const pair = change as { old?: unknown; new?: unknown };
      return { field, old: pair.old ?? null, new: pair.new ?? null };
    }
    return { field, old: null, new: change ?? null };
  });
}
