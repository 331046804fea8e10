import { NO_CHANGES, type AuditEvent } from '../../model';
import { asRecord, contentHash, pickString, toIsoTime } from '../normalize';

/** Own-field names per type, worked out once: AXP has a handful of types and every record asks. */
const ownFields = new Map<string, { id: string; name: string }>();
const MAX_TYPES = 256;

/** `ROUTING_PROFILE` -> `routingProfileId` / `routingProfileName`: the fields AXP names after an object's type. */
function ownFieldsOf(type: string): { id: string; name: string } {
  let fields = ownFields.get(type);
  if (fields === undefined) {
    const prefix = type.toLowerCase().replace(/[_\s-]+([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
    fields = { id: `${prefix}Id`, name: `${prefix}Name` };
    if (ownFields.size >= MAX_TYPES) ownFields.clear(); // drifted data must not grow this without bound
    ownFields.set(type, fields);
  }
  return fields;
}

/** The snapshot inside a record, or an empty object when it has none. */
export function auditDataOf(raw: Record<string, unknown>): Record<string, unknown> {
  const data = raw.auditData;
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/**
 * The id of the object a record describes: its own `<type>Id` (`profileId` for PROFILE,
 * `queueId` for QUEUE), else a plain `id`. Other `...Id` fields are references to other
 * objects (a USER's `profileId`), so they never count.
 */
export function objectId(type: string | null, auditData: Record<string, unknown>): string | null {
  return type ? pickString(auditData, ownFieldsOf(type).id, 'id') : pickString(auditData, 'id');
}

function objectName(type: string | null, auditData: Record<string, unknown>): string | null {
  return type ? pickString(auditData, ownFieldsOf(type).name, 'name', 'displayName') : pickString(auditData, 'name', 'displayName');
}

/**
 * A normalized event from any record, well-formed or not: fields that cannot be read are
 * null. The id is a hash of the whole record as received, so it is the same on every page
 * and every search.
 */
export function recordToEvent(record: unknown, unreadableTime: string): AuditEvent {
  const raw = asRecord(record);
  const type = pickString(raw, 'type');
  const event = pickString(raw, 'event');
  const author = pickString(raw, 'author');
  const data = auditDataOf(raw);
  const id = objectId(type, data);
  const name = objectName(type, data);
  const subject = name && id && name !== id ? `${name} (${id})` : name ?? id;
  const description = [event, type, subject].filter((part) => part !== null).join(' ');
  return {
    vendor: 'axp',
    id: contentHash(raw),
    time: toIsoTime(raw.date) ?? unreadableTime,
    actor: { id: author, name: null, type: null, role: null },
    action: event ?? '',
    resource: { type, id, name },
    status: null,
    description: description === '' ? null : description,
    traceId: null,
    changes: NO_CHANGES,
    raw,
  };
}
