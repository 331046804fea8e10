import { NO_CHANGES, type FieldChange } from '../../model';
import { retainedList, sameJson } from '../normalize';

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * `value` / `previousValue` arrive as JSON inside strings. Decodes them; a string that is
 * not JSON is kept as the string itself, and absent values become null.
 */
export function decodeValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return null;
  // Plain text (a firmware version, a name) is common: recognised by its first character instead of a thrown SyntaxError.
  switch (text[0]) {
    case '{': case '[': case '"':
      break;
    case 't': case 'f': case 'n':
      return text === 'true' ? true : text === 'false' ? false : text === 'null' ? null : value;
    default:
      return JSON_NUMBER.test(text) ? Number(text) : value;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The top-level fields that differ between `previousValue` (old) and `value` (new). When
 * either side is not an object (a scalar, a list, plain text), the whole value is one change.
 */
export function diffValues(previous: unknown, next: unknown): readonly FieldChange[] {
  const old = decodeValue(previous);
  const current = decodeValue(next);
  const oldFields = isPlainObject(old) ? old : old === null ? {} : undefined;
  const newFields = isPlainObject(current) ? current : current === null ? {} : undefined;
  if (!oldFields || !newFields) {
    return sameJson(old, current) ? NO_CHANGES : [{ field: 'value', old, new: current }];
  }
  const changes: FieldChange[] = [];
  const fields = new Set([...Object.keys(oldFields), ...Object.keys(newFields)]);
  for (const field of fields) {
    const before = Object.hasOwn(oldFields, field) ? oldFields[field] : null;
    const after = Object.hasOwn(newFields, field) ? newFields[field] : null;
    if (!sameJson(before, after)) changes.push({ field, old: before, new: after });
  }
  return retainedList(changes);
}
