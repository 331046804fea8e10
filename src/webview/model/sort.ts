/** The order of the rows by a column. Pure. */
import type { ColumnId } from '../../shared/viewState';
import type { EventIndex } from './eventIndex';
import { cellText } from './fields';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Every position of the index in display order; ties keep arrival order. Empty values sort
 * last either way.
 */
export function sortPositions(index: EventIndex, column: ColumnId, descending: boolean): number[] {
  const { events } = index;
  const keys = events.map((event, at) => (column === 'time' ? event.time : cellText(event, column, index.connection(at))));
  const positions = Array.from({ length: events.length }, (_, at) => at);
  const direction = descending ? -1 : 1;
  const compare = column === 'time'
    ? (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    : (a: string, b: string) => collator.compare(a, b);
  positions.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka === '' || kb === '') {
      if (ka === kb) return a - b;
      return ka === '' ? 1 : -1;
    }
    const order = compare(ka, kb);
    return order === 0 ? a - b : order * direction;
  });
  return positions;
}
