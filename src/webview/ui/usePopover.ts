/**
 * Open/close behaviour shared by the toolbar's popovers: Escape (from the button or the popover)
 * closes and returns focus to the button; a press outside, or focus moving to a control outside,
 * closes it. A press on text inside (a label, a heading) keeps it open even though focus then
 * falls to the page.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export function usePopover() {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  useEffect(() => {
    if (!open) return undefined;
    const onPress = (e: PointerEvent) => {
      if (!anchor.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPress, true);
    return () => document.removeEventListener('pointerdown', onPress, true);
  }, [open]);
  const anchorProps = {
    ref: anchor,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !open) return;
      // Kept from the document's Escape, which would also close the detail pane.
      e.stopPropagation();
      e.preventDefault();
      close(true);
    },
    onFocusOut: (e: FocusEvent) => {
      // Focus that goes nowhere (a press on text, a control re-rendered) is not leaving.
      const next = e.relatedTarget as Node | null;
      if (next && !anchor.current?.contains(next)) setOpen(false);
    },
  };
  return { open, setOpen, close, anchorProps, button };
}
