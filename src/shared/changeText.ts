/** How a change's values are shown as text, in the panel's diff and in VS Code's diff editor alike. */

/** One value as plain text: an empty text means "no value". */
function changeValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

/** Deep equality of JSON-like values; object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]));
}

/** A value written the way JSON writes it, so `""`, `null`, `"null"`, `1` and `"1"` all read differently. */
function literalText(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value, null, 2);
  return JSON.stringify(value) ?? String(value);
}

/**
 * The texts to show for a change. Values show as plain text, an empty side meaning "no value";
 * where plain text would hide a real change (both sides read alike, or one is an empty string,
 * which would read as no value) both sides are written as JSON literals instead.
 */
export function changeTexts(change: { old: unknown; new: unknown }): { oldText: string; newText: string } {
  const oldText = changeValueText(change.old);
  const newText = changeValueText(change.new);
  const hidden = oldText === newText || change.old === '' || change.new === '';
  if (hidden && !sameValue(change.old, change.new)) return { oldText: literalText(change.old), newText: literalText(change.new) };
  return { oldText, newText };
}
