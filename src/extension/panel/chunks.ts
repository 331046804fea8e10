/** Splits events into messages small enough to post without stalling either side, each event fitted to the protocol. */
import type { AuditEvent } from '../../core/model';
import { fitEvent } from './fitEvent';

const CHUNK_MAX_EVENTS = 250;
const CHUNK_MAX_CHARS = 512 * 1024;

/**
 * Chunks bounded by count and by approximate serialized size; a single huge event gets its own
 * chunk. Events come out as `fitEvent` makes them: no value of one can get its chunk refused.
 */
export function chunkEvents(events: readonly AuditEvent[], maxEvents = CHUNK_MAX_EVENTS, maxChars = CHUNK_MAX_CHARS): AuditEvent[][] {
  const chunks: AuditEvent[][] = [];
  let current: AuditEvent[] = [];
  let chars = 0;
  for (const whole of events) {
    const event = fitEvent(whole);
    const size = JSON.stringify(event).length;
    if (current.length > 0 && (current.length >= maxEvents || chars + size > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(event);
    chars += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Chunks of `events` in order, each of one connection (`connectionAt` gives each event's, by
 * position): a replay of them adds every event back at the position it streamed to.
 */
export function* chunksByConnection(events: readonly AuditEvent[], connectionAt: (at: number) => string): Generator<{ connectionId: string; events: AuditEvent[] }> {
  let start = 0;
  while (start < events.length) {
    const connectionId = connectionAt(start);
    let end = start + 1;
    while (end < events.length && connectionAt(end) === connectionId) end++;
    for (const chunk of chunkEvents(events.slice(start, end))) yield { connectionId, events: chunk };
    start = end;
  }
}
