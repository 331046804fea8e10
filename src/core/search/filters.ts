import type { AuditEvent, AuditFilters, FilterKey } from '../model';
import { FILTER_KEYS } from '../model';
import { traceKey } from '../traceKey';

function same(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

/** Nesting deeper than any vendor record: past it, values are not searched. */
const MAX_DEPTH = 32;

/** Every value (not key) in `value`, as text, in order. */
function collectValues(value: unknown, out: string[], depth: number): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
  else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    if (Array.isArray(value)) for (const item of value) collectValues(item, out, depth + 1);
    else for (const key in value) if (Object.hasOwn(value, key)) collectValues((value as Record<string, unknown>)[key], out, depth + 1);
  }
}

/**
 * The values of an event and its raw record, lower-cased, one per line, computed once per
 * event. Keys and JSON punctuation are not text: "name" must not match every record that
 * has a name field, and a value is found as written, not as JSON escapes it.
 */
const haystacks = new WeakMap<AuditEvent, string>();
function haystack(event: AuditEvent): string {
  let text = haystacks.get(event);
  if (text === undefined) {
    const values: string[] = [];
    collectValues([event.action, event.actor, event.resource, event.description, event.traceId, event.raw], values, 0);
    text = values.join('\n').toLowerCase();
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
      // The same id written as a UUID, an X-Ray id or a traceparent is the same trace.
      return event.traceId !== null && same(traceKey(event.traceId), traceKey(value));
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
