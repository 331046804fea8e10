/** What an export of a run writes: its loaded events newest first, each with its connection's name. Pure. */
import type { AuditEvent } from '../../core/model';

export interface LoadedEvents {
  readonly events: readonly AuditEvent[];
  /** The connection id of the event at position `at` of `events`. */
  connectionAt(at: number): string;
}

export function exportRows(run: LoadedEvents, nameOf: (connectionId: string) => string): { events: AuditEvent[]; connections: string[] } {
  const loaded = run.events;
  const newestFirst = loaded.map((_, at) => at).sort((a, b) => (loaded[a].time < loaded[b].time ? 1 : loaded[a].time > loaded[b].time ? -1 : 0));
  return { events: newestFirst.map((at) => loaded[at]), connections: newestFirst.map((at) => nameOf(run.connectionAt(at))) };
}
