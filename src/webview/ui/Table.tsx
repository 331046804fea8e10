/** The virtualized results grid: sortable headers, one selected row, keyboard-driven. */
import { Component } from 'preact';
import { useCallback, useRef } from 'preact/hooks';
import type { AuditEvent } from '../../core/model';
import type { ColumnId, ColumnWidths, ViewState } from '../../shared/viewState';
import { gridColumns, withWidth } from '../model/columnWidths';
import { showBidiControls } from '../model/bidi';
import type { EventConnection } from '../model/fields';
import { cellText, COLUMN_LABELS } from '../model/fields';
import { ColumnResizer } from './ColumnResizer';
import { StatusBadge, VendorBadge } from './icons';
import { useRowVirtualizer } from './useVirtualizer';

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 26;

export interface TableProps {
  rows: readonly AuditEvent[];
  /** The `eventKey` of the row at `index`. */
  rowKey(index: number): string;
  /** The connection of the row at `index`. */
  rowConnection(index: number): EventConnection;
  columns: readonly ColumnId[];
  widths: ColumnWidths | undefined;
  sort: ViewState['sort'];
  selectedIndex: number;
  initialScrollTop: number;
  onSelect(index: number, open: boolean): void;
  onSort(column: ColumnId): void;
  onResize(column: ColumnId, px: number | undefined): void;
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
  props.scrollToRef.current = virtualizer.scrollToIndex;
  const { start, end } = virtualizer;
  const active = props.selectedIndex >= start && props.selectedIndex < end ? `row-${props.selectedIndex}` : undefined;
  const rows = [];
  for (let index = start; index < end; index++) {
    const event = props.rows[index];
    rows.push(<Row key={props.rowKey(index)} event={event} connection={props.rowConnection(index)} index={index} selected={index === props.selectedIndex} columns={props.columns} />);
  }
  // One listener for every row: rows stay free of per-render closures, so unchanged rows skip rendering.
  const rowAt = (e: MouseEvent) => Number((e.target as Element).closest('[role=row]')?.getAttribute('aria-rowindex') ?? 0) - 2;
  const onClick = (e: MouseEvent) => { const index = rowAt(e); if (index >= 0) props.onSelect(index, false); };
  const onDblClick = (e: MouseEvent) => { const index = rowAt(e); if (index >= 0) props.onSelect(index, true); };
  const grid = gridColumns(props.columns, props.widths);
  const latest = useRef(props);
  latest.current = props;
  // While a column is dragged only the grid's two variables change: no row renders again.
  // One function for the panel's life, so the header does not render again on every scroll.
  const preview = useCallback((column: ColumnId, px: number | null) => {
    const { columns, widths, gridRef } = latest.current;
    const shown = gridColumns(columns, px === null ? widths : withWidth(widths, column, px));
    gridRef.current?.style.setProperty('--grid-columns', shown.template);
    gridRef.current?.style.setProperty('--grid-min-width', `${shown.minWidth}px`);
  }, []);

  return (
    <div
      class="table-scroll"
      ref={(el) => { scroller.current = el; props.gridRef.current = el; }}
      role="grid"
      aria-label="Audit events"
      aria-describedby={props.rows.length === 0 ? 'table-empty' : undefined}
      aria-rowcount={props.rows.length + 1}
      aria-colcount={props.columns.length}
      aria-activedescendant={active}
      tabIndex={0}
      style={{ '--grid-columns': grid.template, '--grid-min-width': `${grid.minWidth}px` }}
      onKeyDown={props.onKeyDown}
      onScroll={(e) => props.onScroll((e.currentTarget as HTMLElement).scrollTop)}
    >
      <HeaderRow columns={props.columns} widths={props.widths} sort={props.sort} onSort={props.onSort} onResize={props.onResize} preview={preview} />
      <div class="table-body" role="rowgroup" style={{ height: `${virtualizer.totalSize}px` }} onClick={onClick} onDblClick={onDblClick}>
        {rows}
      </div>
      {props.rows.length === 0 && <div id="table-empty" class="empty">No events to show.</div>}
    </div>
  );
}

interface HeaderRowProps {
  columns: readonly ColumnId[];
  widths: ColumnWidths | undefined;
  sort: ViewState['sort'];
  onSort(column: ColumnId): void;
  onResize(column: ColumnId, px: number | undefined): void;
  preview(column: ColumnId, px: number | null): void;
}

/** Re-rendered only when its columns, widths, sort or handlers change, not on every scrolled frame. */
class HeaderRow extends Component<HeaderRowProps> {
  shouldComponentUpdate(next: HeaderRowProps): boolean {
    const now = this.props;
    return next.columns !== now.columns || next.widths !== now.widths || next.sort !== now.sort
      || next.onSort !== now.onSort || next.onResize !== now.onResize || next.preview !== now.preview;
  }

  render({ columns, widths, sort, onSort, onResize, preview }: HeaderRowProps) {
    return (
      <div class="table-header" role="row" aria-rowindex={1}>
        {columns.map((column) => {
          const sorted = sort.column === column;
          return (
            <div
              key={column}
              role="columnheader"
              aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              class="header-cell"
            >
              <button type="button" class="header-button" onClick={() => onSort(column)} title={`Sort by ${COLUMN_LABELS[column]}`}>
                {COLUMN_LABELS[column]}
                {sorted && <span class={`codicon codicon-${sort.descending ? 'arrow-down' : 'arrow-up'}`} aria-hidden="true" />}
              </button>
              <ColumnResizer column={column} label={COLUMN_LABELS[column]} width={widths?.[column]} preview={preview} onResize={onResize} />
            </div>
          );
        })}
      </div>
    );
  }
}

interface RowProps {
  event: AuditEvent;
  connection: EventConnection;
  index: number;
  selected: boolean;
  columns: readonly ColumnId[];
}

/** A row renders once while it stays in view; scrolling adds and removes rows at the edges. */
class Row extends Component<RowProps> {
  shouldComponentUpdate(next: RowProps): boolean {
    const now = this.props;
    return next.event !== now.event || next.connection !== now.connection || next.index !== now.index || next.selected !== now.selected || next.columns !== now.columns;
  }

  render({ event, connection, index, selected, columns }: RowProps) {
    // Placed by its own offset, which it keeps while in view: scrolling neither moves nor repaints it.
    return (
      <div id={`row-${index}`} role="row" aria-rowindex={index + 2} aria-selected={selected} class={selected ? 'row selected' : 'row'} style={{ top: `${index * ROW_HEIGHT}px` }}>
        {columns.map((column) => cell(event, column, connection))}
      </div>
    );
  }
}

function cell(event: AuditEvent, column: ColumnId, connection: EventConnection) {
  if (column === 'status') return <div key={column} role="gridcell" class="cell"><StatusBadge status={event.status} /></div>;
  if (column === 'vendor') return <div key={column} role="gridcell" class="cell"><VendorBadge vendor={event.vendor} /></div>;
  const text = showBidiControls(cellText(event, column, connection));
  // Connection names tend to differ at the end ("Descope prod", "Descope staging"): a cut one shows whole on hover.
  const title = text.length > 40 || column === 'connection' ? text : undefined;
  return <div key={column} role="gridcell" class={`cell cell-${column}`} dir="auto" title={title}>{text}</div>;
}
