/**
 * The message protocol between the extension host and the results-panel webview.
 * Both sides validate every incoming message with these schemas; anything else is dropped.
 * `zod/mini` keeps the webview bundle small.
 */
import * as z from 'zod/mini';
import { VENDORS } from '../core/model';
import { COLUMN_IDS } from './columns';
import { REFUSAL_PROBLEMS_MAX, refusalProblems } from './refusal';

/** The longest text a message may carry (a description, an action, a notice…). */
export const TEXT_MAX = 100_000;
/** The longest id, time, change field name, event key or connection id a message may carry. */
export const SHORT_TEXT_MAX = 2_000;
/** The most rows one "copy rows" request may name; more are exported to a file instead. */
export const COPY_ROWS_MAX = 100_000;

const text = z.string().check(z.maxLength(TEXT_MAX));
const shortText = z.string().check(z.maxLength(SHORT_TEXT_MAX));
const nullableText = z.nullable(text);
const count = z.number().check(z.int(), z.nonnegative());
const requestId = z.number().check(z.int(), z.nonnegative());

const fieldChangeSchema = z.object({ field: shortText, old: z.unknown(), new: z.unknown() });

const auditEventSchema = z.object({
  vendor: z.enum(VENDORS),
  id: shortText,
  time: shortText,
  actor: z.object({ id: nullableText, name: nullableText, type: nullableText, role: nullableText }),
  action: text,
  resource: z.object({ type: nullableText, id: nullableText, name: nullableText }),
  status: z.nullable(z.enum(['success', 'failure'])),
  description: nullableText,
  traceId: nullableText,
  changes: z.readonly(z.array(fieldChangeSchema)),
  raw: z.record(z.string(), z.unknown()),
});

/**
 * Events are addressed by connection and id: the engine de-duplicates ids per connection, and
 * two connections of one vendor (two regions, each numbering from 1) may both hold id "42".
 * A JSON pair, so neither part's characters (colons, quotes, anything) can blur the two.
 */
export function eventKey(connectionId: string, id: string): string {
  return JSON.stringify([connectionId, id]);
}

/** The connection and id of an `eventKey`; undefined for any other string, including other spellings of the pair. */
export function parseEventKey(key: string): { connectionId: string; id: string } | undefined {
  let pair: unknown;
  try {
    pair = JSON.parse(key);
  } catch {
    return undefined;
  }
  if (!Array.isArray(pair) || pair.length !== 2) return undefined;
  const [connectionId, id] = pair as unknown[];
  if (typeof connectionId !== 'string' || typeof id !== 'string') return undefined;
  return eventKey(connectionId, id) === key ? { connectionId, id } : undefined;
}

const searchScopeSchema = z.union([z.literal('all'), z.array(shortText)]);

export const panelSearchSchema = z.object({
  query: text,
  scope: searchScopeSchema,
  title: z.optional(shortText),
  /** Columns to start with (a saved search's, or the user's setting); the user may change them after. */
  columns: z.optional(z.array(z.enum(COLUMN_IDS))),
});

const connectionInfoSchema = z.object({ id: shortText, label: shortText, vendor: z.enum(VENDORS) });
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

const RUN_PHASES = ['running', 'paused', 'done', 'cancelled', 'failed'] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

const runStatusSchema = z.object({
  phase: z.enum(RUN_PHASES),
  loaded: count,
  pages: count,
  /** Sum of the vendors' totals, when every connection reported one. */
  total: z.nullable(count),
  /** More events exist than are loaded ("load more" / "fetch all"). */
  more: z.boolean(),
  /** Every page of the whole range was fetched: the end of the range is reached. */
  complete: z.boolean(),
  localFilters: z.array(shortText),
  notices: z.array(text),
  warnings: count,
  errors: z.array(z.object({ connection: shortText, message: text })),
});
export type RunStatus = z.infer<typeof runStatusSchema>;

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const COPY_FORMATS = ['json', 'markdown', 'csv'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** Host → webview notifications and replies. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('search'),
    runId: count,
    search: panelSearchSchema,
    title: shortText,
    connections: z.array(connectionInfoSchema),
    range: z.object({ from: shortText, to: shortText }),
  }),
  /** New events, all of one connection (keys are built from `connectionId` and each event's id). */
  z.object({ type: z.literal('events'), runId: count, connectionId: shortText, events: z.array(auditEventSchema) }),
  z.object({ type: z.literal('revised'), runId: count, connectionId: shortText, events: z.array(auditEventSchema) }),
  z.object({ type: z.literal('status'), runId: count, status: runStatusSchema }),
  z.object({
    type: z.literal('queryError'),
    query: text,
    message: text,
    /** 0-based offset of the offending character, when known. */
    position: z.nullable(count),
  }),
  z.object({ type: z.literal('reply'), requestId, ok: z.boolean(), message: text }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;
export type PanelSearchMessage = Extract<HostMessage, { type: 'search' }>;

/** Webview → host commands. Those with a `requestId` get a `reply`. */
const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('run'), query: text }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('loadMore') }),
  z.object({ type: z.literal('fetchAll') }),
  z.object({ type: z.literal('narrow'), from: shortText, to: shortText }),
  z.object({
    type: z.literal('surrounding'),
    eventKey: shortText,
    by: z.enum(['actor', 'resource']),
    minutes: z.number().check(z.int(), z.positive(), z.lte(24 * 60)),
  }),
  z.object({ type: z.literal('searchTraceId'), traceId: shortText }),
  z.object({ type: z.literal('openDiff'), requestId, eventKey: shortText, field: shortText }),
  z.object({ type: z.literal('openRaw'), requestId, eventKey: shortText }),
  z.object({ type: z.literal('copyCurl'), requestId, eventKey: shortText }),
  z.object({ type: z.literal('export'), requestId, format: z.enum(EXPORT_FORMATS), scope: z.enum(['loaded', 'all']) }),
  z.object({
    type: z.literal('copyRows'),
    requestId,
    eventKeys: z.array(shortText).check(z.maxLength(COPY_ROWS_MAX)),
    format: z.enum(COPY_FORMATS),
  }),
  /** A host message the webview refused: what it claimed to be and why, never its content. */
  z.object({
    type: z.literal('refused'),
    refused: shortText,
    problems: z.array(shortText).check(z.maxLength(REFUSAL_PROBLEMS_MAX)),
  }),
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type WebviewRequest = Extract<WebviewMessage, { requestId: number }>;

/** A checked message, or why it is not one (`refusalProblems`: safe to log and to post). */
export type Checked<T> = { ok: true; message: T } | { ok: false; problems: string[] };

export function checkHostMessage(data: unknown): Checked<HostMessage> {
  const result = hostMessageSchema.safeParse(data);
  return result.success ? { ok: true, message: result.data } : { ok: false, problems: refusalProblems(result.error.issues) };
}

export function checkWebviewMessage(data: unknown): Checked<WebviewMessage> {
  const result = webviewMessageSchema.safeParse(data);
  return result.success ? { ok: true, message: result.data } : { ok: false, problems: refusalProblems(result.error.issues) };
}
