/**
 * Which rows of a fixed-row-height grid to render: the ones in view, a few either side, and a
 * lead of rows ahead in the direction of scrolling that is rendered in idle time.
 * Rows all have one height, so positions are arithmetic: nothing per row is kept, and a new
 * row count (every filter keystroke) costs nothing.
 *
 * A scrolled frame whose rows are already rendered changes no DOM: it only moves the
 * compositor's layer and paints the rows the previous idle period added. The rows for the
 * next frames are created, styled and laid out after the frame, in an idle callback.
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

/** Rows rendered on either side of the visible ones. */
const OVERSCAN = 6;
/** Extra rows rendered ahead while scrolling: a few frames of fast scrolling. */
const LEAD = 36;
/** An idle render that waits longer runs anyway, so the lead keeps up on a busy machine. */
const IDLE_TIMEOUT_MS = 50;

interface View {
  top: number;
  height: number;
  /** Rows of lead: after the last row in view when scrolling down, before the first when scrolling up. */
  lead: number;
}

interface Range { start: number; end: number }

export function useRowVirtualizer(options: {
  count: number;
  rowHeight: number;
  scrollElement: () => HTMLElement | null;
  initialOffset: number;
  /** Height of the sticky header above the rows inside the scroll container. */
  headerHeight: number;
}): RowWindow {
  const { count, rowHeight, headerHeight } = options;
  const [view, setView] = useState<View>({ top: options.initialOffset, height: 0, lead: 0 });
  const rendered = useRef<Range>({ start: 0, end: 0 });
  const idle = useRef({ handle: 0, forceLayout: false });
  const rows = useRef(count);
  rows.current = count;
  /**
   * The restored offset, until it is reached: a restored panel mounts before its rows arrive,
   * when the browser clamps any offset to 0. Dropped once the user does anything in the panel
   * (scrolls, clicks, types: "load more", a filter), or the rows shrink (a filter, never a replay).
   */
  const restore = useRef<number | null>(options.initialOffset > 0 ? options.initialOffset : null);
  const lastCount = useRef(count);

  useLayoutEffect(() => {
    const shrank = count < lastCount.current;
    lastCount.current = count;
    if (shrank) restore.current = null;
    const element = options.scrollElement();
    const wanted = restore.current;
    if (!element || wanted === null) return;
    element.scrollTop = wanted;
    if (Math.abs(element.scrollTop - wanted) < 1) restore.current = null;
  }, [count]);

  useLayoutEffect(() => {
    const element = options.scrollElement();
    if (!element) return undefined;
    const userScrolls = () => { restore.current = null; };
    const userEvents = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;
    const panel = element.ownerDocument;
    for (const name of userEvents) panel.addEventListener(name, userScrolls, { passive: true, capture: true });
    let lastTop = element.scrollTop;
    let lastHeight = -1;
    /** Lead of the latest scroll direction; 0 until the first scroll. */
    let lead = 0;
    const read = () => {
      const top = element.scrollTop;
      const height = element.clientHeight;
      if (top !== lastTop) lead = top > lastTop ? LEAD : -LEAD;
      lastTop = top;
      const visible = visibleRows({ top, height }, headerHeight, rowHeight);
      const now = rendered.current;
      if (height !== lastHeight || visible.start < now.start || Math.min(visible.end, rows.current) > now.end) {
        // Rows in view are missing: render them in this frame.
        lastHeight = height;
        setView({ top, height, lead });
        return;
      }
      if (idle.current.handle !== 0) return;
      idle.current.handle = requestIdleCallback(() => {
        idle.current.handle = 0;
        const next = { top: element.scrollTop, height: element.clientHeight, lead };
        const wanted = band(next, rows.current, headerHeight, rowHeight);
        if (wanted.start === rendered.current.start && wanted.end === rendered.current.end) return;
        idle.current.forceLayout = true;
        setView(next);
      }, { timeout: IDLE_TIMEOUT_MS });
    };
    read();
    element.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', read);
      for (const name of userEvents) panel.removeEventListener(name, userScrolls, { capture: true });
      resize.disconnect();
      cancelIdleCallback(idle.current.handle);
    };
  }, []);

  useLayoutEffect(() => {
    if (!idle.current.forceLayout) return;
    idle.current.forceLayout = false;
    // Style and lay out the new rows now, in idle time, rather than in the next frame.
    void options.scrollElement()?.scrollHeight;
  });

  const { start, end } = band(view, count, headerHeight, rowHeight);
  rendered.current = { start, end };
  return {
    start,
    end,
    totalSize: count * rowHeight,
    scrollToIndex(index) {
      const element = options.scrollElement();
      if (!element || index < 0 || index >= count) return;
      restore.current = null;
      const rowTop = index * rowHeight;
      const viewTop = element.scrollTop;
      const viewRows = element.clientHeight - headerHeight;
      if (rowTop < viewTop) element.scrollTop = rowTop;
      else if (rowTop + rowHeight > viewTop + viewRows) element.scrollTop = rowTop + rowHeight - viewRows;
    },
  };
}

function visibleRows(view: { top: number; height: number }, headerHeight: number, rowHeight: number): Range {
  return {
    start: Math.floor(Math.max(0, view.top - headerHeight) / rowHeight),
    end: Math.ceil(Math.max(0, view.top + view.height - headerHeight) / rowHeight),
  };
}

/** The rows to render for a view: those in it, the overscan, and the lead. */
function band(view: View, count: number, headerHeight: number, rowHeight: number): Range {
  // After the rows shrink, the browser clamps the offset only at the next layout: clamp it here too.
  const top = Math.min(view.top, Math.max(0, headerHeight + count * rowHeight - view.height));
  const visible = visibleRows({ top, height: view.height }, headerHeight, rowHeight);
  return {
    start: Math.max(0, Math.min(count, visible.start - OVERSCAN + Math.min(0, view.lead))),
    end: Math.min(count, visible.end + OVERSCAN + Math.max(0, view.lead)),
  };
}
