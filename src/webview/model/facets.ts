/** Top values per field over the shown events, for the field sidebar. Pure. */
import type { FacetField } from '../../shared/viewState';
import type { EventIndex } from './eventIndex';
import type { Positions } from './filters';

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

function before(a: FacetValue, b: FacetValue): boolean {
  return a.count > b.count || (a.count === b.count && a.value < b.value);
}

/** Counts by interned value id in one pass per field, then keeps the `topN` best by insertion. */
export function computeFacets(index: EventIndex, rows: Positions, fields: readonly FacetField[], topN: number): Facet[] {
  return fields.map((field) => {
    const { values, ofEvent } = index.field(field);
    const counts = new Uint32Array(values.length);
    let missing = 0;
    for (const at of rows) {
      const id = ofEvent[at];
      if (id < 0) missing++;
      else counts[id]++;
    }
    let distinct = 0;
    const top: FacetValue[] = [];
    for (let id = 0; id < counts.length; id++) {
      const count = counts[id];
      if (count === 0) continue;
      distinct++;
      if (top.length === topN && (topN === 0 || count < top[topN - 1].count)) continue;
      const candidate = { value: values[id], count };
      let at = top.length;
      while (at > 0 && before(candidate, top[at - 1])) at--;
      if (at < topN) {
        top.splice(at, 0, candidate);
        if (top.length > topN) top.pop();
      }
    }
    return { field, top, distinct, missing };
  });
}
