/**
 * The handle on a column header's right edge. Drag it, or focus it and press ←/→ (with Shift
 * for larger steps), to resize the column; double-click it or press Delete (or Backspace)
 * for the default width again. Escape while dragging puts the width back.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ColumnId } from '../../shared/viewState';
import { COLUMN_WIDTH_MAX, COLUMN_WIDTH_MIN } from '../../shared/viewState';
import { clampWidth } from '../model/columnWidths';

const KEY_STEP_PX = 16;
const LARGE_KEY_STEP_PX = 64;

export interface ColumnResizerProps {
  column: ColumnId;
  label: string;
  /** The width the user chose, if any. */
  width: number | undefined;
  /** Shows `px` while dragging, without keeping it; null shows the kept widths again. */
  preview(column: ColumnId, px: number | null): void;
  /** Keeps `px` for the column, or its default width when undefined. */
  onResize(column: ColumnId, px: number | undefined): void;
}

/** The column's width now: the chosen one, or what its default track came to. */
function widthOf(handle: HTMLElement, chosen: number | undefined): number {
  return chosen ?? Math.round(handle.parentElement?.getBoundingClientRect().width ?? COLUMN_WIDTH_MIN);
}

export function ColumnResizer(props: ColumnResizerProps) {
  const { column } = props;
  /** Ends the drag under way, keeping its width or not; set only while dragging. */
  const endDrag = useRef<((keep: boolean) => void) | null>(null);
  useEffect(() => () => endDrag.current?.(false), []);

  const onPointerDown = (down: PointerEvent) => {
    if (down.button !== 0 || endDrag.current) return;
    down.preventDefault(); // no text selection while dragging
    const handle = down.currentTarget as HTMLElement;
    const start = widthOf(handle, props.width);
    let px = start;
    handle.setPointerCapture(down.pointerId);
    // On the window: the events still arrive there if the handle is re-rendered away mid-drag.
    const move = (event: PointerEvent) => {
      px = clampWidth(start + event.clientX - down.clientX);
      props.preview(column, px);
    };
    const keep = () => endDrag.current?.(true);
    const revert = () => endDrag.current?.(false);
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      revert();
    };
    endDrag.current = (kept: boolean) => {
      endDrag.current = null;
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', keep);
      window.removeEventListener('pointercancel', revert);
      window.removeEventListener('keydown', escape, true);
      if (handle.hasPointerCapture(down.pointerId)) handle.releasePointerCapture(down.pointerId);
      if (kept && px !== start) props.onResize(column, px);
      else props.preview(column, null);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', keep);
    window.addEventListener('pointercancel', revert);
    window.addEventListener('keydown', escape, true);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? LARGE_KEY_STEP_PX : KEY_STEP_PX;
    const handle = event.currentTarget as HTMLElement;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      props.onResize(column, clampWidth(widthOf(handle, props.width) + (event.key === 'ArrowLeft' ? -step : step)));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      props.onResize(column, undefined);
    } else {
      return;
    }
    // Arrow keys on the grid move the selection: not while resizing.
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      class="column-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${props.label} column`}
      aria-valuemin={COLUMN_WIDTH_MIN}
      aria-valuemax={COLUMN_WIDTH_MAX}
      aria-valuenow={props.width}
      aria-valuetext={props.width === undefined ? 'default width' : `${props.width} pixels`}
      title="Drag to resize; double-click for the default width"
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDblClick={() => props.onResize(column, undefined)}
      onFocus={(event) => {
        // A focused separator says its width: for a default track, what it measures now.
        const handle = event.currentTarget as HTMLElement;
        if (props.width === undefined) handle.setAttribute('aria-valuenow', String(widthOf(handle, undefined)));
      }}
    />
  );
}
