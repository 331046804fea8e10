/** The virtualized results grid: sortable headers, one selected row, keyboard-driven. */
import { useRef } from 'preact/hooks';
import type { AuditEvent } from '../../core/model';
import { eventKey } from '../../shared/protocol';
import type { ColumnId, ViewState } from '../../shared/viewState';
import { cellText, COLUMN_LABELS } from '../model/fields';
import { StatusBadge, VendorBadge } from './icons';
import { useRowVirtualizer } from './useVirtualizer';

export const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 26;

const WIDTHS: Record<ColumnId, string> = {
  time: '190px', vendor: '92px', actor: 'minmax(120px, 1fr)', action: 'minmax(120px, 1fr)',
  resource: 'minmax(120px, 1fr)', status: '90px', description: 'minmax(160px, 2fr)', traceId: '170px', id: '170px',
};

export function gridTemplate(columns: readonly ColumnId[]): string {
  return columns.map((c) => WIDTHS[c]).join(' ');
}

export interface TableProps {
  rows: readonly AuditEvent[];
  columns: readonly ColumnId[];
  sort: ViewState['sort'];
  selectedIndex: number;
  initialScrollTop: number;
  onSelect(index: number, open: boolean): void;
  onSort(column: ColumnId): void;
  onKeyDown(event: KeyboardEvent): void;
  onScroll(top: number): void;
  gridRef: { current: HTMLDivElement | null };
  scrollToRef: { current: ((index: number) => void) | null };
}

export function Table(props: TableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useRowVirtualizer({
    count: props.rows.length,
    rowHeight: ROW_HEIGHT,
    scrollElement: () => scroller.current,
    initialOffset: props.initialScrollTop,
    headerHeight: HEADER_HEIGHT,
  });
  props.scrollToRef.current = (index) => virtualizer.scrollToIndex(index, { align: 'auto' });
  const template = gridTemplate(props.columns);
  const items = virtualizer.getVirtualItems();
  const active = props.selectedIndex >= 0 && items.some((i) => i.index === props.selectedIndex) ? `row-${props.selectedIndex}` : undefined;

  return (
    <div
      class="table-scroll"
      ref={(el) => { scroller.current = el; props.gridRef.current = el; }}
      role="grid"
      aria-label="Audit events"
      aria-rowcount={props.rows.length + 1}
      aria-colcount={props.columns.length}
      aria-activedescendant={active}
      tabIndex={0}
      onKeyDown={props.onKeyDown}
      onScroll={(e) => props.onScroll((e.currentTarget as HTMLElement).scrollTop)}
    >
      <div class="table-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {props.columns.map((column) => {
          const sorted = props.sort.column === column;
          return (
            <div
              key={column}
              role="columnheader"
              aria-sort={sorted ? (props.sort.descending ? 'descending' : 'ascending') : 'none'}
              class="header-cell"
            >
              <button type="button" class="header-button" onClick={() => props.onSort(column)} title={`Sort by ${COLUMN_LABELS[column]}`}>
                {COLUMN_LABELS[column]}
                {sorted && <span class={`codicon codicon-${props.sort.descending ? 'arrow-down' : 'arrow-up'}`} aria-hidden="true" />}
              </button>
            </div>
          );
        })}
      </div>
      <div class="table-body" role="rowgroup" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => {
          const event = props.rows[item.index];
          const selected = item.index === props.selectedIndex;
          return (
            <div
              key={eventKey(event)}
              id={`row-${item.index}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selected}
              class={selected ? 'row selected' : 'row'}
              style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template }}
              onClick={() => props.onSelect(item.index, false)}
              onDblClick={() => props.onSelect(item.index, true)}
            >
              {props.columns.map((column) => <Cell key={column} event={event} column={column} />)}
            </div>
          );
        })}
      </div>
      {props.rows.length === 0 && <div class="empty">No events to show.</div>}
    </div>
  );
}

function Cell({ event, column }: { event: AuditEvent; column: ColumnId }) {
  if (column === 'status') return <div role="gridcell" class="cell"><StatusBadge status={event.status} /></div>;
  if (column === 'vendor') return <div role="gridcell" class="cell"><VendorBadge vendor={event.vendor} /></div>;
  const text = cellText(event, column);
  return <div role="gridcell" class={`cell cell-${column}`} title={text.length > 40 ? text : undefined}>{text}</div>;
}
