/** Local filters over the loaded events: facet includes/excludes plus the `/` text filter. Pure. */
import type { AuditEvent } from '../../core/model';
import type { FacetField, LocalFilter } from '../../shared/viewState';
import { COLUMN_IDS } from '../../shared/viewState';
import { cellText, facetValue } from './fields';

/**
 * Includes on the same field are alternatives (vendor is A or B); different fields and all
 * excludes must all hold.
 */
export function compileFilters(filters: readonly LocalFilter[], text: string): (event: AuditEvent) => boolean {
  const includes = new Map<FacetField, Set<string>>();
  const excludes: LocalFilter[] = [];
  for (const filter of filters) {
    if (filter.exclude) {
      excludes.push(filter);
    } else {
      const values = includes.get(filter.field) ?? new Set<string>();
      values.add(filter.value);
      includes.set(filter.field, values);
    }
  }
  const needle = text.trim().toLowerCase();
  return (event) => {
    for (const [field, values] of includes) {
      const value = facetValue(event, field);
      if (value === null || !values.has(value)) return false;
    }
    for (const filter of excludes) {
      if (facetValue(event, filter.field) === filter.value) return false;
    }
    return needle === '' || COLUMN_IDS.some((column) => cellText(event, column).toLowerCase().includes(needle));
  };
}

/** Adds a filter, replacing its opposite on the same value; a repeated filter is a no-op. */
export function addFilter(filters: readonly LocalFilter[], next: LocalFilter): LocalFilter[] {
  const others = filters.filter((f) => !(f.field === next.field && f.value === next.value));
  return [...others, next];
}

export function removeFilter(filters: readonly LocalFilter[], target: LocalFilter): LocalFilter[] {
  return filters.filter((f) => !(f.field === target.field && f.value === target.value && f.exclude === target.exclude));
}
