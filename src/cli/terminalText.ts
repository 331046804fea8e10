import type { ExportFormat } from '../core/export/formats';

/**
 * Characters a terminal acts on or draws misleadingly: C0 controls (ESC starts colour,
 * cursor, title and clipboard sequences), DEL, C1 controls (U+009B is a one-character CSI),
 * and the bidi overrides and isolates that can make one value read as another. Vendor text
 * is attacker-influenced (a user's display name, an object's description).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same without line breaks and tabs, which CSV text may hold and a terminal only moves over. */
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw (it escapes U+0000–U+001F itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

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
