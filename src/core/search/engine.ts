import { setMaxListeners } from 'node:events';
import { getAdapter } from '../vendors/registry';
import type { AuditEvent, AuditQuery } from '../model';
import { ConnectionRun, type RunContext } from './connectionRun';
import { UpdateQueue } from './queue';
import { SharedParts } from '../sharing/sharedParts';
import type { SearchOptions, SearchTarget, SearchUpdate } from './types';

const DEFAULT_CONCURRENCY = 4;

/**
 * Searches one or more connections at once. Pages are yielded as they arrive (first rows
 * fast); the consumer's pace drives fetching, so stop pulling to pause. `return()` or
 * aborting `options.signal` cancels and frees every connection. Ends with `done`.
 */
export async function* search(
  targets: readonly SearchTarget[],
  query: AuditQuery,
  options: SearchOptions,
): AsyncGenerator<SearchUpdate, void, undefined> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  if (options.signal?.aborted) controller.abort();
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  // Every page in flight listens to this signal: up to `concurrency` per connection, by design.
  setMaxListeners(targets.length * concurrency + 10, controller.signal);
  const queue = new UpdateQueue<SearchUpdate>(Math.max(2, concurrency));
  const context: RunContext = {
    http: options.http,
    queue,
    signal: controller.signal,
    now: (options.now ?? Date.now)(),
    concurrency,
    shared: new SharedParts(),
    progress: { pages: 0, events: 0 },
    totals: new Map(targets.map((t) => [t.connection.id, undefined])),
  };
  const runs = targets.map((target) => new ConnectionRun(
    getAdapter(target.connection.vendor), target, query, context, options.pageSize?.[target.connection.vendor],
  ));
  const finished = Promise.all(runs.map((run) => run.run())).then((summaries) => {
    const events = summaries.reduce((sum, s) => sum + s.events, 0);
    queue.push({
      kind: 'done',
      summary: {
        connections: summaries,
        events,
        limited: query.limit !== undefined && events > 0 && summaries.some((s) => query.limit !== undefined && s.events >= query.limit),
        cancelled: controller.signal.aborted,
      },
    });
    queue.close();
  });
  try {
    for (;;) {
      const item = await queue.next();
      if (item.done) break;
      yield item.value;
    }
  } finally {
    // Whether the search ended, failed or its consumer stopped early: nothing of it may go on fetching.
    controller.abort();
    queue.close();
    await finished;
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Runs a search to the end and returns every event, newest first, cut to the query's limit. */
export async function collect(
  targets: readonly SearchTarget[],
  query: AuditQuery,
  options: SearchOptions,
  onUpdate?: (update: SearchUpdate) => void,
): Promise<{ events: AuditEvent[]; updates: SearchUpdate[] }> {
  const events: AuditEvent[] = [];
  const updates: SearchUpdate[] = [];
  for await (const update of search(targets, query, options)) {
    onUpdate?.(update);
    if (update.kind === 'page') for (const event of update.events) events.push(event); // no spread: pages hold up to 1000
    else updates.push(update);
  }
  sortNewestFirst(events);
  return { events: query.limit !== undefined ? events.slice(0, query.limit) : events, updates };
}

/** Newest first; ties broken by vendor and id so the order is stable across runs. */
function sortNewestFirst<T extends { time: string; vendor: string; id: string }>(events: T[]): T[] {
  return events.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : a.vendor < b.vendor ? -1 : a.vendor > b.vendor ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
