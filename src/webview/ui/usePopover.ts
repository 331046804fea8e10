/**
 * Open/close behaviour shared by the toolbar's popovers: Escape (from the button or the popover)
 * closes and returns focus to the button, and the popover closes when focus leaves it or its button.
 */
import { useRef, useState } from 'preact/hooks';

export function usePopover() {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
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
      const next = e.relatedTarget as Node | null;
      if (next && anchor.current?.contains(next)) return;
      // Checked after the render: a re-rendered control that had focus gets it back first.
      window.setTimeout(() => {
        if (!anchor.current?.contains(document.activeElement)) setOpen(false);
      }, 0);
    },
  };
  return { open, setOpen, close, anchorProps, button };
}
