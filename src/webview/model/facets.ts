/** Top values per field over the loaded events, for the field sidebar. Pure. */
import type { AuditEvent } from '../../core/model';
import type { FacetField } from '../../shared/viewState';
import { facetValue } from './fields';

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facet {
  field: FacetField;
  /** Most frequent first; ties in value order so the list is stable. */
  top: FacetValue[];
  distinct: number;
  /** Events with no value for this field. */
  missing: number;
}

export function computeFacets(events: readonly AuditEvent[], fields: readonly FacetField[], topN: number): Facet[] {
  return fields.map((field) => {
    const counts = new Map<string, number>();
    let missing = 0;
    for (const event of events) {
      const value = facetValue(event, field);
      if (value === null) missing++;
      else counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const top = [...counts]
      .map(([value, n]) => ({ value, count: n }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, topN);
    return { field, top, distinct: counts.size, missing };
  });
}
