import { traceKey } from '../../core/traceKey';
import { mergeSpans, unclaimed, type Span } from './spans';

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
// A colour code such as `\x1b[32m` ends in a letter but is a boundary too (coloured log output).
const B = '(?:(?<![0-9A-Za-z_])|(?<=\\x1b\\[[0-9;]*m))';
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
  // The value ends in a letter, digit or `_`: a `.`, `:` or `-` after it is the sentence's.
  {
    shape: 'labelled',
    regex: new RegExp(`${B}(?:x-)?(?:trace|request|correlation)[-_.]?id["']?\\s*[:=]\\s*["']?([0-9A-Za-z][0-9A-Za-z_.:-]{6,126}[0-9A-Za-z_])${E}`, 'gi'),
    group: 1,
  },
];

const NIL = '0'.repeat(32);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}){1,2}(?:\.\d+)?Z?)?$/i;

/** Text of a trace-id shape that names no trace: the nil id, the version W3C forbids, a date. */
function namesATrace(shape: TraceIdShape, whole: string, id: string): boolean {
  if (traceKey(id) === NIL) return false;
  if (shape === 'traceparent') return !/^ff/i.test(whole);
  if (shape === 'labelled') return !TIMESTAMP.test(id);
  return true;
}

/** A pattern's match: its whole span is claimed even when it names no trace, so no shape inside it links. */
interface Claim extends Span {
  match?: TraceIdMatch;
}

function claimsOf(text: string, pattern: Pattern): Claim[] {
  const claims: Claim[] = [];
  pattern.regex.lastIndex = 0;
  for (const found of text.matchAll(pattern.regex)) {
    const whole = found[0];
    const id = found[pattern.group];
    if (id === undefined) continue;
    const claim: Claim = { start: found.index, end: found.index + whole.length };
    if (namesATrace(pattern.shape, whole, id)) {
      const start = found.index + (pattern.group === 0 ? 0 : whole.lastIndexOf(id));
      const canonical = pattern.shape === 'hex32' || pattern.shape === 'traceparent' ? id.toLowerCase() : id;
      claim.match = { id: canonical, start, end: start + id.length, shape: pattern.shape };
    }
    claims.push(claim);
  }
  return claims;
}

/** Every trace id in a line of text, in order, without overlaps. */
export function findTraceIds(text: string): TraceIdMatch[] {
  let claimed: Claim[] = [];
  for (const pattern of PATTERNS) claimed = mergeSpans(claimed, unclaimed(claimsOf(text, pattern), claimed));
  return claimed.flatMap((claim) => (claim.match ? [claim.match] : []));
}

/** How far either side of a cursor `traceIdAt` looks: well past the longest id with its key. */
export const CURSOR_WINDOW = 256;

/** The part of a line `traceIdAt` scans around `offset`, and where that part starts. */
export function cursorWindow(text: string, offset: number): { from: number; text: string } {
  const from = Math.max(0, offset - CURSOR_WINDOW);
  return { from, text: text.slice(from, offset + CURSOR_WINDOW) };
}

/** The trace id whose span contains `offset` (a cursor position), if any. */
export function traceIdAt(text: string, offset: number): TraceIdMatch | undefined {
  const window = cursorWindow(text, offset);
  const at = offset - window.from;
  const match = findTraceIds(window.text).find((m) => at >= m.start && at <= m.end);
  return match && { ...match, start: match.start + window.from, end: match.end + window.from };
}

/** The first id of a recognised shape in a selection; a plain word such as `error` is none. */
export function recognizedTraceId(text: string): string | undefined {
  return findTraceIds(text)[0]?.id;
}

/** A typed value or command argument reduced to the id to search: the trace id inside a traceparent, etc. */
export function normalizeTraceId(input: string): string | undefined {
  const text = input.trim().replace(/^["']|["']$/g, '');
  if (text === '') return undefined;
  const recognized = recognizedTraceId(text);
  if (recognized) return recognized;
  // An id of another shape typed on its own.
  return /^[0-9A-Za-z][0-9A-Za-z_.:-]{3,127}$/.test(text) ? text : undefined;
}
