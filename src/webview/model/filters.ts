/** Local filters over the loaded events: facet includes/excludes plus the `/` text filter. Pure. */
import type { FacetField, LocalFilter } from '../../shared/viewState';
import type { EventIndex } from './eventIndex';

/** Event positions, in the order rows are shown. */
export type Positions = readonly number[];

function needleOf(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * Includes on the same field are alternatives (vendor is A or B); different fields and all
 * excludes must all hold. The text matches any column but the connection's name, case-insensitively.
 */
export function compileFilters(index: EventIndex, filters: readonly LocalFilter[], text: string): (at: number) => boolean {
  const includes = new Map<FacetField, Set<number>>();
  const excludes: { ofEvent: readonly number[]; id: number }[] = [];
  for (const filter of filters) {
    const interned = index.field(filter.field);
    const id = interned.ids.get(filter.value);
    if (filter.exclude) {
      if (id !== undefined) excludes.push({ ofEvent: interned.ofEvent, id });
    } else {
      const ids = includes.get(filter.field) ?? new Set<number>();
      if (id !== undefined) ids.add(id);
      includes.set(filter.field, ids);
    }
  }
  const required = [...includes].map(([field, ids]) => ({ ofEvent: index.field(field).ofEvent, ids }));
  const needle = needleOf(text);
  return (at) => {
    for (const { ofEvent, ids } of required) if (!ids.has(ofEvent[at])) return false;
    for (const { ofEvent, id } of excludes) if (ofEvent[at] === id) return false;
    return needle === '' || index.hasText(at, needle);
  };
}

function sameFilters(a: readonly LocalFilter[], b: readonly LocalFilter[]): boolean {
  return a === b || (a.length === b.length && a.every((f, i) => f.field === b[i].field && f.value === b[i].value && f.exclude === b[i].exclude));
}

/**
 * Filters rows as the user types. When only the text changed and the new text contains the
 * previous one, its matches are a subset of the previous matches, so only those are scanned.
 */
export class RowFilter {
  private last: { index: EventIndex; source: Positions; filters: readonly LocalFilter[]; needle: string; rows: Positions } | undefined;

  /** `source` holds every position in display order; the result keeps that order. */
  run(index: EventIndex, source: Positions, filters: readonly LocalFilter[], text: string): Positions {
    const needle = needleOf(text);
    const last = this.last;
    const narrows = last !== undefined && last.index === index && last.source === source && sameFilters(last.filters, filters) && needle.includes(last.needle);
    let rows: Positions;
    if (filters.length === 0 && needle === '') {
      rows = source;
    } else if (narrows && needle === last.needle) {
      rows = last.rows;
    } else {
      const keep = compileFilters(index, filters, needle);
      const out: number[] = [];
      for (const at of narrows ? last.rows : source) if (keep(at)) out.push(at);
      rows = out;
    }
    this.last = { index, source, filters, needle, rows };
    return rows;
  }
}

/** Adds a filter, replacing its opposite on the same value; a repeated filter is a no-op. */
export function addFilter(filters: readonly LocalFilter[], next: LocalFilter): LocalFilter[] {
  const others = filters.filter((f) => !(f.field === next.field && f.value === next.value));
  return [...others, next];
}

export function removeFilter(filters: readonly LocalFilter[], target: LocalFilter): LocalFilter[] {
  return filters.filter((f) => !(f.field === target.field && f.value === target.value && f.exclude === target.exclude));
}
