import { parseQuickSearch, QUERY_HINT, QueryParseError } from '../../core/query/parse';
import { resolveQuery } from '../../core/query/resolve';

export type QueryCheck =
  | { ok: true; summary: string }
  | { ok: false; message: string; position: number };

/** Checks a quick-search text as it is typed: a summary of what it searches, or where it is wrong. */
export function checkQuickSearch(text: string, defaultSince: string, now: number = Date.now()): QueryCheck {
  try {
    const parsed = parseQuickSearch(text);
    const query = resolveQuery(parsed, { now, defaultSince });
    const filters = Object.entries(parsed.filters).map(([key, value]) => `${key}=${String(value)}`);
    const range = `${query.from.slice(0, 16).replace('T', ' ')} → ${query.to.slice(0, 16).replace('T', ' ')} UTC`;
    return { ok: true, summary: `${filters.length > 0 ? filters.join(', ') : 'every event'} · ${range}` };
  } catch (error) {
    if (error instanceof QueryParseError) return { ok: false, message: error.message, position: error.position };
    throw error;
  }
}

/** The validation line under the input: a caret under the offending character when there is one. */
export function describeCheck(text: string, check: QueryCheck): string {
  if (check.ok) return check.summary;
  const at = Math.min(Math.max(check.position, 0), text.length);
  return `✗ at character ${at + 1}: ${check.message}`;
}

export { QUERY_HINT };
