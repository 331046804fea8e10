import { BIDI_CONTROL_CLASS } from '../core/bidiControls';
import type { ExportFormat } from '../core/export/formats';

/**
 * Characters a terminal acts on or draws misleadingly: C0 controls (ESC starts colour,
 * cursor, title and clipboard sequences; CR writes over the line), DEL, C1 controls (U+009B
 * is a one-character CSI), and bidi controls. Vendor text is attacker-influenced (a user's
 * display name, an object's description).
 */
const UNSAFE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI_CONTROL_CLASS}]`, 'g');
/** The same without line feeds and tabs, which CSV cells may hold and a terminal only moves over. */
const UNSAFE_IN_TEXT = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI_CONTROL_CLASS}]`, 'g');
/** What JSON.stringify leaves raw (it escapes U+0000–U+001F itself). */
const UNSAFE_IN_JSON = new RegExp(`[\\u007f-\\u009f${BIDI_CONTROL_CLASS}]`, 'g');

/** One line of a table or message: every unsafe character, line breaks and tabs too, made harmless. */
export function printableLine(text: string): string {
  return text.replace(UNSAFE, (ch) => (ch === '\n' || ch === '\t' ? ' ' : '\uFFFD'));
}

function jsonEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Output bound for a terminal, in the given format. JSON stays the same data: these
 * characters only occur inside strings, where `\uXXXX` means the same. CSV has no escape, so
 * they show as U+FFFD; written to a file or a pipe, output is left exactly as received.
 */
export function forTerminal(format: ExportFormat): (chunk: string) => string {
  switch (format) {
    case 'csv': return (chunk) => chunk.replace(UNSAFE_IN_TEXT, '\uFFFD');
    case 'json':
    case 'ndjson': return (chunk) => chunk.replace(UNSAFE_IN_JSON, jsonEscape);
  }
}
