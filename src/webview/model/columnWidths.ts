/** The grid's column tracks: each column's default, or the width the user dragged it to. */
import type { ColumnId, ColumnWidths } from '../../shared/viewState';
import { COLUMN_WIDTH_MAX, COLUMN_WIDTH_MIN } from '../../shared/viewState';

interface DefaultTrack {
  /** The narrowest it gets by default: the rows are never narrower than these added up. */
  min: number;
  /** The CSS grid track. */
  track: string;
}

// Narrow minimums so the default columns fit a panel beside the editor; text cells truncate.
const DEFAULT_TRACKS: Record<ColumnId, DefaultTrack> = {
  time: { min: 190, track: '190px' },
  vendor: { min: 86, track: '86px' },
  actor: { min: 80, track: 'minmax(80px, 1fr)' },
  action: { min: 80, track: 'minmax(80px, 1fr)' },
  resource: { min: 80, track: 'minmax(80px, 1fr)' },
  status: { min: 84, track: '84px' },
  description: { min: 100, track: 'minmax(100px, 2fr)' },
  traceId: { min: 90, track: 'minmax(90px, 170px)' },
  id: { min: 90, track: 'minmax(90px, 170px)' },
  connection: { min: 140, track: 'minmax(140px, 200px)' },
};

/** Below this the grid scrolls sideways rather than squeezing its columns further. */
const GRID_MIN_WIDTH = 900;

export interface GridColumns {
  /** `grid-template-columns` of the header and every row. */
  template: string;
  /** The rows' minimum width in px: wider than the panel, the grid scrolls sideways. */
  minWidth: number;
}

export function gridColumns(columns: readonly ColumnId[], widths: ColumnWidths | undefined): GridColumns {
  let minWidth = 0;
  const tracks = columns.map((column) => {
    const chosen = widths?.[column];
    if (chosen !== undefined) {
      minWidth += chosen;
      return `${chosen}px`;
    }
    minWidth += DEFAULT_TRACKS[column].min;
    return DEFAULT_TRACKS[column].track;
  });
  return { template: tracks.join(' '), minWidth: Math.max(GRID_MIN_WIDTH, minWidth) };
}

export function clampWidth(px: number): number {
  return Math.round(Math.min(COLUMN_WIDTH_MAX, Math.max(COLUMN_WIDTH_MIN, px)));
}

/** `widths` with `column` set to `px`, or back to its default when `px` is undefined. */
export function withWidth(widths: ColumnWidths | undefined, column: ColumnId, px: number | undefined): ColumnWidths {
  const next: ColumnWidths = { ...widths };
  if (px === undefined) delete next[column];
  else next[column] = clampWidth(px);
  return next;
}
