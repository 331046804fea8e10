import { BIDI_CONTROL_CLASS } from '../../core/bidiControls';

/** Displayed text shows each bidi control as a visible marker; filters, exports and copies keep the original text. */
const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_CLASS}]`, 'g');

export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `\u2039U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}\u203A`);
}
