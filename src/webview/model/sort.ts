/** The order of the rows by a column. Pure. */
import type { AuditEvent } from '../../core/model';
import type { ColumnId } from '../../shared/viewState';
import { cellText } from './fields';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Every position of `events` in display order; ties keep arrival order. Empty values sort
 * last either way.
 */
export function sortPositions(events: readonly AuditEvent[], column: ColumnId, descending: boolean): number[] {
  const keys = events.map((event) => (column === 'time' ? event.time : cellText(event, column)));
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
