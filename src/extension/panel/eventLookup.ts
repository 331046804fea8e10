/**
 * Finds what the webview names in the run's whole events: keys and change fields as posted,
 * including ids and field names `fitEvent` shortened to fit the protocol.
 */
import type { AuditEvent, FieldChange } from '../../core/model';
import { eventKey, parseEventKey } from '../../shared/protocol';
import { fittedField, fittedId, isShortened } from './fitEvent';
import type { SearchRun } from './searchRun';

type Found = { event: AuditEvent; connectionId: string };

export class EventLookup {
  /** Keys of shortened ids, built on the first shortened key asked for (one lookup serves a whole request). */
  private shortened: Map<string, number> | undefined;

  constructor(private readonly run: Pick<SearchRun, 'find' | 'events' | 'connectionAt'>) {}

  find(key: string): Found | undefined {
    // A shortened id never names an event by itself: an event whose own id reads so was shortened too.
    const shortened = isShortened(parseEventKey(key)?.id ?? '');
    if (!shortened) return this.run.find(key);
    this.shortened ??= this.shortenedKeys();
    const at = this.shortened.get(key);
    return at === undefined ? undefined : { event: this.run.events[at] as AuditEvent, connectionId: this.run.connectionAt(at) };
  }

  private shortenedKeys(): Map<string, number> {
    const keys = new Map<string, number>();
    this.run.events.forEach((event, at) => {
      const id = fittedId(event.id);
      if (id !== event.id) keys.set(eventKey(this.run.connectionAt(at), id), at);
    });
    return keys;
  }
}

/** The change of `field` as the webview names it (shortened when the whole name was too long). */
export function findChange(event: AuditEvent, field: string): FieldChange | undefined {
  if (!isShortened(field)) return event.changes.find((change) => change.field === field);
  return event.changes.find((change) => fittedField(change.field) === field);
}
