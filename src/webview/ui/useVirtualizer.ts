/**
 * Which rows of a fixed-row-height grid to render: the ones in view plus a few either side.
 * Rows all have one height, so positions are arithmetic: nothing per row is kept, and a new
 * row count (every filter keystroke) costs nothing.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface RowWindow {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Height of all rows. */
  totalSize: number;
  /** Scrolls the least needed to bring the row fully into view below the header. */
  scrollToIndex(index: number): void;
}

const OVERSCAN = 6;

export function useRowVirtualizer(options: {
  count: number;
  rowHeight: number;
  scrollElement: () => HTMLElement | null;
  initialOffset: number;
  /** Height of the sticky header above the rows inside the scroll container. */
  headerHeight: number;
}): RowWindow {
  const { count, rowHeight, headerHeight } = options;
  const [view, setView] = useState({ top: options.initialOffset, height: 0 });
  const latest = useRef(view);
  latest.current = view;

  useLayoutEffect(() => {
    const element = options.scrollElement();
    if (!element) return undefined;
    element.scrollTop = options.initialOffset;
    const read = () => {
      const next = { top: element.scrollTop, height: element.clientHeight };
      const now = latest.current;
      // Re-render only when the rendered range would change.
      const first = (v: typeof next) => Math.floor(Math.max(0, v.top - headerHeight) / rowHeight);
      const last = (v: typeof next) => Math.ceil(Math.max(0, v.top + v.height - headerHeight) / rowHeight);
      if (first(next) !== first(now) || last(next) !== last(now) || next.height !== now.height) {
        latest.current = next;
        setView(next);
      }
    };
    read();
    element.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(element);
    return () => { element.removeEventListener('scroll', read); resize.disconnect(); };
  }, []);

  // After the rows shrink, the browser clamps the offset only at the next layout: clamp it here too.
  const top = Math.min(view.top, Math.max(0, headerHeight + count * rowHeight - view.height));
  const visibleFirst = Math.floor(Math.max(0, top - headerHeight) / rowHeight);
  const visibleEnd = Math.ceil(Math.max(0, top + view.height - headerHeight) / rowHeight);
  return {
    start: Math.max(0, Math.min(count, visibleFirst - OVERSCAN)),
    end: Math.min(count, visibleEnd + OVERSCAN),
    totalSize: count * rowHeight,
    scrollToIndex(index) {
      const element = options.scrollElement();
      if (!element || index < 0 || index >= count) return;
      const rowTop = index * rowHeight;
      const viewTop = element.scrollTop;
      const viewRows = element.clientHeight - headerHeight;
      if (rowTop < viewTop) element.scrollTop = rowTop;
      else if (rowTop + rowHeight > viewTop + viewRows) element.scrollTop = rowTop + rowHeight - viewRows;
    },
  };
}
