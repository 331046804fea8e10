/** Sorting the visible rows by a column. Pure. */
import type { AuditEvent } from '../../core/model';
import type { ColumnId } from '../../shared/viewState';
import { cellText } from './fields';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Returns a new sorted array; ties keep arrival order. Empty values sort last either way. */
export function sortEvents(events: readonly AuditEvent[], column: ColumnId, descending: boolean): AuditEvent[] {
  const keyed = events.map((event, index) => ({ event, index, key: column === 'time' ? event.time : cellText(event, column) }));
  const direction = descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === '' || b.key === '') {
      if (a.key === b.key) return a.index - b.index;
      return a.key === '' ? 1 : -1;
    }
    const order = column === 'time' ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : collator.compare(a.key, b.key);
    return order === 0 ? a.index - b.index : order * direction;
  });
  return keyed.map((k) => k.event);
}
