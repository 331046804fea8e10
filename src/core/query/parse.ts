import { AuditLensError } from '../errors';
import type { AuditFilters } from '../model';
import { dateProblem, durationProblem } from './timeValues';

/** A quick search as typed: filters plus an unresolved time range. */
export interface ParsedQuery {
  filters: AuditFilters;
  /** A duration back from now, e.g. `24h`. */
  since?: string;
  /** ISO date or date-time as typed. */
  from?: string;
  to?: string;
  /** Where the `from:` and `to:` values start in the typed text, for errors found once they are resolved. */
  valueAt?: { from?: number; to?: number };
}

/** A parse error that points at the offending character (0-based `position`). */
export class QueryParseError extends AuditLensError {
  readonly position: number;

  constructor(message: string, position: number) {
    super('usage', message);
    this.name = 'QueryParseError';
    this.position = position;
  }
}

const QUERY_KEYS = ['actor', 'action', 'resource', 'status', 'trace', 'since', 'from', 'to'] as const;
export type QueryKey = (typeof QUERY_KEYS)[number];

/** One-line reminder of the language, for input hints. */
export const QUERY_HINT =
  'actor:bob@example.com action:"Update User" status:failure resource:user/id trace:<id> since:24h from:2025-12-01 to:2025-12-02 free text';


interface Token {
  key?: string;
  keyAt: number;
  value: string;
  valueAt: number;
}

/** The longest query taken: far beyond any typed or saved one, and it keeps every message about a query small. */
export const MAX_QUERY_LENGTH = 10_000;

/** Parses the quick-search language of DESIGN.md. Throws QueryParseError. */
export function parseQuickSearch(text: string): ParsedQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QueryParseError(`A query can be at most ${MAX_QUERY_LENGTH.toLocaleString('en-US')} characters; this one has ${text.length.toLocaleString('en-US')}. Shorten it.`, MAX_QUERY_LENGTH);
  }
  const parsed: ParsedQuery = { filters: {} };
  const words: string[] = [];
  const seen = new Set<string>();
  let sinceAt = 0;
  for (const token of tokenize(text)) {
    if (token.key === undefined) {
      if (token.value !== '') words.push(token.value); // `""` is no text to search for
      continue;
    }
    const key = token.key.toLowerCase();
    if (!(QUERY_KEYS as readonly string[]).includes(key)) {
      throw new QueryParseError(
        `Unknown key "${token.key}" at column ${token.keyAt + 1}. Use one of ${QUERY_KEYS.join(', ')}, or put the words in quotes to search them as text.`,
        token.keyAt,
      );
    }
    if (seen.has(key)) {
      throw new QueryParseError(`"${key}:" appears twice (column ${token.keyAt + 1}). Give each key once.`, token.keyAt);
    }
    seen.add(key);
    if (key === 'since') sinceAt = token.keyAt;
    if (token.value === '') {
      throw new QueryParseError(`"${key}:" needs a value at column ${token.valueAt + 1}, e.g. ${example(key as QueryKey)}.`, token.valueAt);
    }
    applyKey(parsed, key as QueryKey, token);
  }
  if (parsed.since !== undefined && (parsed.from !== undefined || parsed.to !== undefined)) {
    throw new QueryParseError('Use either "since:" or "from:"/"to:", not both.', sinceAt);
  }
  if (words.length > 0) parsed.filters.text = words.join(' ');
  return parsed;
}

function applyKey(parsed: ParsedQuery, key: QueryKey, token: Token): void {
  const { value, valueAt } = token;
  switch (key) {
    case 'actor':
      parsed.filters.actor = value;
      return;
    case 'action':
      parsed.filters.action = value;
      return;
    case 'trace':
      parsed.filters.traceId = value;
      return;
    case 'resource': {
      const slash = value.indexOf('/');
      if (slash === 0) throw new QueryParseError(`"resource:" needs a type before "/" (column ${valueAt + 1}), e.g. resource:user/bob.`, valueAt);
      if (slash < 0) {
        parsed.filters.resourceType = value;
      } else {
        parsed.filters.resourceType = value.slice(0, slash);
        const id = value.slice(slash + 1);
        if (id === '') throw new QueryParseError(`"resource:" has an empty id after "/" (column ${valueAt + slash + 2}).`, valueAt + slash + 1);
        parsed.filters.resourceId = id;
      }
      return;
    }
    case 'status': {
      const status = value.toLowerCase();
      if (status !== 'success' && status !== 'failure') {
        throw new QueryParseError(`"status:" must be success or failure, not "${value}" (column ${valueAt + 1}).`, valueAt);
      }
      parsed.filters.status = status;
      return;
    }
    case 'since': {
      const problem = durationProblem(value);
      if (problem) throw new QueryParseError(`"since:" takes ${problem}, not "${value}" (column ${valueAt + 1}).`, valueAt);
      parsed.since = value;
      return;
    }
    case 'from':
    case 'to': {
      const problem = dateProblem(value);
      if (problem) throw new QueryParseError(`"${key}:" takes ${problem}, not "${value}" (column ${valueAt + 1}).`, valueAt);
      parsed[key] = value;
      parsed.valueAt = { ...parsed.valueAt, [key]: valueAt };
      return;
    }
  }
}

function example(key: QueryKey): string {
  const examples: Record<QueryKey, string> = {
    actor: 'actor:bob@example.com', action: 'action:"Update User"', resource: 'resource:user/z-audit-23',
    status: 'status:failure', trace: 'trace:2cb2986430cf420f97ce0a74e69ffd0f', since: 'since:24h',
    from: 'from:2025-12-01', to: 'to:2025-12-02',
  };
  return examples[key];
}

function* tokenize(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i++;
      continue;
    }
    const start = i;
    // `key:` but not `scheme://`: an address in the text (https://…) is a word to search for.
    const keyMatch = /^([A-Za-z]+):(?!\/\/)/.exec(text.slice(i));
    if (keyMatch) {
      const key = keyMatch[1] as string;
      const valueAt = i + keyMatch[0].length;
      const { value, end } = readValue(text, valueAt);
      yield { key, keyAt: start, value, valueAt };
      i = end;
      continue;
    }
    const { value, end } = readValue(text, i);
    yield { keyAt: start, value, valueAt: start };
    i = end;
  }
}

/**
 * A bare run of non-space characters, or a double-quoted string with `\"` and `\\` escapes
 * (any other backslash is kept as typed). A closing quote ends the value: text right after it
 * would silently become a word of its own, so it is refused.
 */
function readValue(text: string, at: number): { value: string; end: number } {
  if (text[at] === "'") {
    // Only double quotes quote (DESIGN.md): 'Delete User' would silently become two words, both with a quote in them.
    throw new QueryParseError(
      `Use double quotes: the ' at column ${at + 1} does not quote, e.g. action:"Delete User". To search for a ' at the start of a value, put the value in double quotes.`,
      at,
    );
  }
  if (text[at] !== '"') {
    let end = at;
    while (end < text.length && !/\s/.test(text[end] as string)) end++;
    return { value: text.slice(at, end), end };
  }
  let value = '';
  let i = at + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1] as string;
      value += next === '"' || next === '\\' ? next : `\\${next}`;
      i += 2;
      continue;
    }
    if (ch === '"') {
      const after = text[i + 1];
      if (after !== undefined && !/\s/.test(after)) {
        throw new QueryParseError(`Put a space after the closing quote at column ${i + 1}: a value ends at its closing quote.`, i + 1);
      }
      return { value, end: i + 1 };
    }
    value += ch;
    i++;
  }
  throw new QueryParseError(`The quote at column ${at + 1} is never closed. Add a closing ".`, at);
}

/** The quick-search text for a parsed query; `parseQuickSearch(formatQuickSearch(q))` gives `q` back. */
export function formatQuickSearch(parsed: ParsedQuery): string {
  const parts: string[] = [];
  const { filters } = parsed;
  if (filters.actor !== undefined) parts.push(`actor:${quote(filters.actor)}`);
  if (filters.action !== undefined) parts.push(`action:${quote(filters.action)}`);
  if (filters.resourceType !== undefined) {
    parts.push(`resource:${quote(filters.resourceId === undefined ? filters.resourceType : `${filters.resourceType}/${filters.resourceId}`)}`);
  }
  if (filters.status !== undefined) parts.push(`status:${filters.status}`);
  if (filters.traceId !== undefined) parts.push(`trace:${quote(filters.traceId)}`);
  if (parsed.since !== undefined) parts.push(`since:${parsed.since}`);
  if (parsed.from !== undefined) parts.push(`from:${quote(parsed.from)}`);
  if (parsed.to !== undefined) parts.push(`to:${quote(parsed.to)}`);
  if (filters.text !== undefined && filters.text !== '') parts.push(quote(filters.text, true));
  return parts.join(' ');
}

function quote(value: string, isText = false): string {
  // A value starting with `//` would turn `key:` into an address (`actor://x` is free text).
  const needs = value === '' || /[\s"\\]/.test(value) || (isText && /^[A-Za-z]+:/.test(value)) || /^["']/.test(value) || value.startsWith('//');
  return needs ? `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"` : value;
}
