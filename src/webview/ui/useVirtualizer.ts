/** Binds @tanstack/virtual-core to a Preact component: fixed-height rows in a scroll container. */
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

export function useRowVirtualizer(options: {
  count: number;
  rowHeight: number;
  scrollElement: () => HTMLElement | null;
  initialOffset: number;
  /** Space taken by the sticky header at the top of the scroll container. */
  headerHeight: number;
}): Virtualizer<HTMLElement, HTMLElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved = {
    count: options.count,
    getScrollElement: options.scrollElement,
    estimateSize: () => options.rowHeight,
    overscan: 12,
    initialOffset: options.initialOffset,
    scrollPaddingStart: options.headerHeight,
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    onChange: () => rerender(0),
  };
  const [instance] = useState(() => new Virtualizer<HTMLElement, HTMLElement>(resolved));
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), []);
  useLayoutEffect(() => instance._willUpdate());
  return instance;
}
