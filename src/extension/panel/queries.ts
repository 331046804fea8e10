/** Quick-search text for the panel's pivots: a narrowed range, surrounding events. Pure. */
import type { AuditEvent } from '../../core/model';
import { formatQuickSearch, parseQuickSearch } from '../../core/query/parse';

/** The same query over an absolute range (drag on the histogram). Throws QueryParseError for a bad query. */
export function narrowedQuery(query: string, from: string, to: string): string {
  const parsed = parseQuickSearch(query);
  return formatQuickSearch({ filters: parsed.filters, from, to });
}

/**
 * The connections a surrounding search runs on. Resource ids, and the user ids some vendors
 * give actors, are numbered per connection (two Surfsight regions both have a user 17), so
 * it never reaches another connection of the event's vendor; by actor it does reach the
 * run's connections of other vendors, where the same person acts under the same login.
 */
export function surroundingScope(
  event: Pick<AuditEvent, 'vendor'>, connectionId: string, by: 'actor' | 'resource',
  runConnections: ReadonlyArray<{ id: string; vendor: string }>,
): string[] {
  if (by === 'resource') return [connectionId];
  return [connectionId, ...runConnections.filter((c) => c.vendor !== event.vendor && c.id !== connectionId).map((c) => c.id)];
}

/** Events by the same actor or on the same resource within ± `minutes` of `event`; undefined when it has none. */
export function surroundingQuery(event: AuditEvent, by: 'actor' | 'resource', minutes: number): string | undefined {
  const at = Date.parse(event.time);
  const range = { from: new Date(at - minutes * 60_000).toISOString(), to: new Date(at + minutes * 60_000).toISOString() };
  if (by === 'actor') {
    const actor = event.actor.id ?? event.actor.name;
    return actor ? formatQuickSearch({ filters: { actor }, ...range }) : undefined;
  }
  const { type, id } = event.resource;
  if (!type) return undefined;
  return formatQuickSearch({ filters: id ? { resourceType: type, resourceId: id } : { resourceType: type }, ...range });
}
