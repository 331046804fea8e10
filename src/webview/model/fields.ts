/** How the panel reads an event's fields for columns, facets and local filters. Pure. */
import type { AuditEvent } from '../../core/model';
import type { ColumnId, FacetField } from '../../shared/viewState';

/** The connection an event came from: filters compare its id, people read its name (`connectionNames`). */
export interface EventConnection {
  id: string;
  name: string;
}

function actorLabel(event: AuditEvent): string {
  return event.actor.name ?? event.actor.id ?? '';
}

export function resourceLabel(event: AuditEvent): string {
  const { type, id, name } = event.resource;
  const label = name ?? id ?? '';
  if (type && label) return `${type}/${label}`;
  return type ?? label;
}

/** `2025-12-04T11:17:24.983Z` → `2025-12-04 11:17:24.983` (UTC, as vendors report it). */
export function formatTime(iso: string): string {
  return iso.replace('T', ' ').replace(/Z$/, '');
}

export function cellText(event: AuditEvent, column: ColumnId, connection: EventConnection): string {
  switch (column) {
    case 'time': return formatTime(event.time);
    case 'vendor': return event.vendor;
    case 'connection': return connection.name;
    case 'actor': return actorLabel(event);
    case 'action': return event.action;
    case 'resource': return resourceLabel(event);
    case 'status': return event.status ?? '';
    case 'description': return event.description ?? '';
    case 'traceId': return event.traceId ?? '';
    case 'id': return event.id;
  }
}

/** The value a facet counts and a facet filter compares; null when the event has none. */
export function facetValue(event: AuditEvent, field: FacetField, connection: EventConnection): string | null {
  switch (field) {
    case 'vendor': return event.vendor;
    case 'connection': return connection.id;
    case 'status': return event.status;
    case 'action': return event.action || null;
    case 'actor': return actorLabel(event) || null;
    case 'resourceType': return event.resource.type;
    case 'resource': return resourceLabel(event) || null;
    case 'traceId': return event.traceId;
  }
}

export const FACET_LABELS: Record<FacetField, string> = {
  vendor: 'Vendor',
  connection: 'Connection',
  status: 'Status',
  action: 'Action',
  actor: 'Actor',
  resourceType: 'Resource type',
  resource: 'Resource',
  traceId: 'Trace id',
};

export const COLUMN_LABELS: Record<ColumnId, string> = {
  time: 'Time (UTC)',
  vendor: 'Vendor',
  connection: 'Connection',
  actor: 'Actor',
  action: 'Action',
  resource: 'Resource',
  status: 'Status',
  description: 'Description',
  traceId: 'Trace id',
  id: 'Event id',
};
