/** A trace id found in text: `id` is what to search for, `start`/`end` the span to underline. */
export interface TraceIdMatch {
  id: string;
  start: number;
  end: number;
  shape: TraceIdShape;
}

export type TraceIdShape = 'traceparent' | 'x-ray' | 'uuid' | 'hex32' | 'labelled';

interface Pattern {
  shape: TraceIdShape;
  regex: RegExp;
  /** Which capture group is the id to search for (0 = whole match). */
  group: number;
}

// Boundaries: an id must not be a slice of a longer word or hex run (a git SHA is 40 hex).
const B = '(?<![0-9A-Za-z_])';
const E = '(?![0-9A-Za-z_])';

/** Most specific first: the first pattern to claim a span wins. */
const PATTERNS: readonly Pattern[] = [
  // W3C traceparent: version-traceid-parentid-flags; the trace id is the 32-hex part.
  { shape: 'traceparent', regex: new RegExp(`${B}[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}${E}`, 'gi'), group: 1 },
  // AWS X-Ray: 1-<8 hex epoch>-<24 hex>.
  { shape: 'x-ray', regex: new RegExp(`${B}1-[0-9a-f]{8}-[0-9a-f]{24}${E}`, 'gi'), group: 0 },
  { shape: 'uuid', regex: new RegExp(`${B}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${E}`, 'gi'), group: 0 },
  { shape: 'hex32', regex: new RegExp(`${B}[0-9a-f]{32}${E}`, 'gi'), group: 0 },
  // Any other shape when a key names it: trace_id=…, traceId: "…", x-request-id: …, requestId=…
  {
    shape: 'labelled',
    regex: /(?<![0-9A-Za-z_])(?:x-)?(?:trace|request|correlation)[-_.]?id["']?\s*[:=]\s*["']?([0-9A-Za-z][0-9A-Za-z_.:-]{7,127})(?![0-9A-Za-z_])/gi,
    group: 1,
  },
];

/** Every trace id in a line of text, in order, without overlaps. */
export function findTraceIds(text: string): TraceIdMatch[] {
  const found: TraceIdMatch[] = [];
  const claimed: Array<[number, number]> = [];
  const overlaps = (start: number, end: number) => claimed.some(([s, e]) => start < e && s < end);
  for (const pattern of PATTERNS) {
    pattern.regex.lastIndex = 0;
    for (const match of text.matchAll(pattern.regex)) {
      const whole = match[0];
      const id = match[pattern.group];
      if (id === undefined || match.index === undefined) continue;
      const offset = pattern.group === 0 ? 0 : whole.lastIndexOf(id);
      const start = match.index + offset;
      const end = start + id.length;
      if (overlaps(match.index, match.index + whole.length)) continue;
      claimed.push([match.index, match.index + whole.length]);
      found.push({ id: pattern.shape === 'hex32' || pattern.shape === 'traceparent' ? id.toLowerCase() : id, start, end, shape: pattern.shape });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The trace id whose span contains `offset` (a cursor position), if any. */
export function traceIdAt(text: string, offset: number): TraceIdMatch | undefined {
  return findTraceIds(text).find((m) => offset >= m.start && offset <= m.end);
}

/** A selection or typed value reduced to the id to search: the trace id inside a traceparent, etc. */
export function normalizeTraceId(input: string): string | undefined {
  const text = input.trim().replace(/^["']|["']$/g, '');
  if (text === '') return undefined;
  const matches = findTraceIds(text);
  const first = matches[0];
  if (first) return first.id;
  // An id of another shape typed or selected on its own.
  return /^[0-9A-Za-z][0-9A-Za-z_.:-]{3,127}$/.test(text) ? text : undefined;
}
