import type { AuditEvent, AuditFilters, FilterKey } from '../model';
import { FILTER_KEYS } from '../model';

function same(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

/** Case-insensitive text of everything in an event, computed once per event. */
const haystacks = new WeakMap<AuditEvent, string>();
function haystack(event: AuditEvent): string {
  let text = haystacks.get(event);
  if (text === undefined) {
    text = JSON.stringify([event.action, event.actor, event.resource, event.description, event.traceId, event.raw]).toLowerCase();
    haystacks.set(event, text);
  }
  return text;
}

/** Whether one event passes one filter, with the semantics the engine promises for local filtering. */
export function matchesFilter(event: AuditEvent, key: FilterKey, value: string): boolean {
  switch (key) {
    case 'actor':
      return same(event.actor.id, value) || same(event.actor.name, value);
    case 'action':
      return same(event.action, value);
    case 'resourceType':
      return same(event.resource.type, value);
    case 'resourceId':
      return same(event.resource.id, value);
    case 'status':
      return event.status === value;
    case 'traceId':
      return same(event.traceId, value);
    case 'text':
      return haystack(event).includes(value.toLowerCase());
  }
}

/** The filters of a query that are set. */
export function activeFilters(filters: AuditFilters): FilterKey[] {
  return FILTER_KEYS.filter((key) => filters[key] !== undefined && filters[key] !== '');
}

export function matchesFilters(event: AuditEvent, filters: AuditFilters, keys: readonly FilterKey[] = activeFilters(filters)): boolean {
  return keys.every((key) => matchesFilter(event, key, filters[key] as string));
}
