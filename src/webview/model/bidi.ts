/**
 * Bidi controls in vendor text can make one value look like another ("admin\u202Emoc.elpmaxe@bob"
 * renders as "adminbob@example.com"). Displayed text shows each one as a visible marker instead;
 * filters, exports and copies keep the original text.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `\u2039U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}\u203A`);
}
