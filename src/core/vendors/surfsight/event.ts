import type { AuditEvent } from '../../model';
import { contentHash, pickString, toIsoTime } from '../normalize';
import { diffValues } from './changes';

/** The name to show for an entity, where the record carries one. */
function entityName(raw: Record<string, unknown>, type: string | null): string | null {
  if (type === 'organization') return pickString(raw, 'organizationName');
  if (type === 'reseller') return pickString(raw, 'partnerName');
  return null;
}

function actionOf(raw: Record<string, unknown>): string {
  const message = pickString(raw, 'message');
  if (message) return message;
  const call = [pickString(raw, 'method'), pickString(raw, 'endpoint')].filter(Boolean).join(' ');
  return call || 'unknown';
}

/**
 * One Surfsight audit log as a normalized event. Reads the raw record leniently, so the
 * same code builds valid records and salvages drifted ones. `fallbackTime` stands in for
 * an unreadable `createdAt` (the record is kept, with a warning from the caller).
 */
export function surfsightEvent(raw: Record<string, unknown>, fallbackTime: string): AuditEvent {
  const message = pickString(raw, 'message');
  const reason = pickString(raw, 'reason');
  const entityType = pickString(raw, 'entityTpe', 'entityType');
  return {
    vendor: 'surfsight',
    id: pickString(raw, 'id') ?? contentHash(raw),
    time: toIsoTime(raw.createdAt) ?? fallbackTime,
    actor: {
      id: pickString(raw, 'userId'),
      name: pickString(raw, 'userName'),
      type: pickString(raw, 'userType'),
      role: null,
    },
    action: actionOf(raw),
    resource: { type: entityType, id: pickString(raw, 'entityId'), name: entityName(raw, entityType) },
    // An audit log records a change that was made; Surfsight reports no outcome.
    status: null,
    description: message && reason ? `${message}. Reason: ${reason}` : message ?? reason,
    traceId: pickString(raw, 'requestId'),
    changes: diffValues(raw.previousValue, raw.value),
    raw,
  };
}
