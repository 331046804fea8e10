/**
 * Makes an event fit the panel protocol before it is posted. The webview refuses a message
 * holding any text over TEXT_MAX, or an id or change field over SHORT_TEXT_MAX, and a refused
 * message loses its whole chunk. Long texts are cut with a mark; long ids and field names keep a
 * prefix plus a digest of the whole, so no two events share a key and the host can map a key
 * back (`fittedId`, `fittedField`). The host itself keeps every event whole.
 */
import { createHash } from 'node:crypto';
import type { AuditEvent, FieldChange } from '../../core/model';
import { SHORT_TEXT_MAX, TEXT_MAX } from '../../shared/protocol';

/**
 * Room for an id's JSON inside an event key (`["connection","id"]`, itself a short text):
 * connection ids are at most 63 plain characters, so 100 is left for them and the brackets.
 */
const ID_JSON_MAX = SHORT_TEXT_MAX - 100;

/** Characters a string takes inside JSON quotes (escapes count in full). */
const jsonWeight = (chars: string) => JSON.stringify(chars).length - 2;
const plainWeight = (chars: string) => chars.length;

/** `text` cut to at most `max` characters, saying so and how long it was; unchanged when it fits. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const mark = `… (cut: ${text.length.toLocaleString('en-US')} characters in all; open the raw record for all of it)`;
  let keep = max - mark.length;
  if (isHighSurrogate(text.charCodeAt(keep - 1))) keep--;
  return `${text.slice(0, keep)}${mark}`;
}

/**
 * The id as posted: itself when its event key fits, else a prefix and the digest of the whole id.
 * An id that already reads like a shortened one is shortened too, so that no id as received can
 * equal another's shortened form.
 */
export function fittedId(id: string): string {
  // An escaped character takes at most 6: most ids are clear of the limit without measuring.
  const fits = id.length * 6 <= ID_JSON_MAX || jsonWeight(id) <= ID_JSON_MAX;
  return fits && !DIGEST_SUFFIX.test(id) ? id : withDigest(id, 'id', ID_JSON_MAX, jsonWeight);
}

/** A change's field name as posted: itself when short enough, else a prefix and the digest of the whole. */
export function fittedField(field: string): string {
  return field.length <= SHORT_TEXT_MAX && !DIGEST_SUFFIX.test(field) ? field : withDigest(field, 'field name', SHORT_TEXT_MAX, plainWeight);
}

/** The end `withDigest` writes. */
const DIGEST_SUFFIX = /… \((?:id|field name) cut: [\d,]+ characters; sha256 [0-9a-f]{64}\)$/;

/** Whether a posted id or field name is a shortened one: it then names no event's own id or field. */
export function isShortened(text: string): boolean {
  return DIGEST_SUFFIX.test(text);
}

/** The event as posted: the same object when it already fits. */
export function fitEvent(event: AuditEvent): AuditEvent {
  if (fits(event)) return event;
  const cut = (text: string | null) => (text === null ? null : cutText(text, TEXT_MAX));
  const { actor, resource } = event;
  return {
    ...event,
    id: fittedId(event.id),
    time: cutText(event.time, SHORT_TEXT_MAX),
    actor: { id: cut(actor.id), name: cut(actor.name), type: cut(actor.type), role: cut(actor.role) },
    action: cutText(event.action, TEXT_MAX),
    resource: { type: cut(resource.type), id: cut(resource.id), name: cut(resource.name) },
    description: cut(event.description),
    traceId: cut(event.traceId),
    changes: event.changes.map((change): FieldChange => ({ ...change, field: fittedField(change.field) })),
  };
}

function fits(event: AuditEvent): boolean {
  const { actor, resource } = event;
  const texts = [event.action, event.description, event.traceId, actor.id, actor.name, actor.type, actor.role, resource.type, resource.id, resource.name];
  return texts.every((text) => text === null || text.length <= TEXT_MAX)
    && event.time.length <= SHORT_TEXT_MAX
    && fittedId(event.id) === event.id
    && event.changes.every((change) => fittedField(change.field) === change.field);
}

/** As much of `whole` as fits in `max` (by `weight`) with a digest of all of it after (of its JSON: lone surrogates stay distinct). */
function withDigest(whole: string, what: string, max: number, weight: (chars: string) => number): string {
  const suffix = `… (${what} cut: ${whole.length.toLocaleString('en-US')} characters; sha256 ${createHash('sha256').update(JSON.stringify(whole)).digest('hex')})`;
  const room = max - weight(suffix);
  let prefix = '';
  let used = 0;
  // By code point, so a surrogate pair is never split.
  for (const char of whole) {
    const size = weight(char);
    if (used + size > room) break;
    prefix += char;
    used += size;
  }
  return `${prefix}${suffix}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
