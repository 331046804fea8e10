/**
 * Drives one search for one panel: pulls the engine's generator until enough events are
 * loaded, then pauses (pulling drives fetching); "load more" and "fetch all" keep pulling
 * the same generator; cancel aborts. Streams events to the webview in chunks. No `vscode`.
 */
import type { AuditEvent } from '../../core/model';
import { SharedStrings } from '../../core/sharing/sharedStrings';
import type { SearchUpdate } from '../../core/search/types';
import { EventPositions } from '../../shared/eventPositions';
import type { HostMessage, RunPhase, RunStatus } from '../../shared/protocol';
import { chunkEvents, chunksByConnection } from './chunks';

export interface SearchRunOptions {
  runId: number;
  /** Events to load before pausing, and per "load more". */
  pageTarget: number;
  connectionLabel(connectionId: string): string;
  describeError(error: unknown): string;
  /** Said before the search starts, e.g. connections an "all" search left out. */
  notices?: readonly string[];
  post(message: HostMessage): void;
  /** One connection failed; the others go on. */
  onError?(connectionId: string, error: unknown): void;
  /**
   * Asked before fetching resumes after a pause ("load more", "fetch all"): why the run may
   * not go on (a connection removed, say), or undefined. A reason stops the run, said in its notices.
   */
  stillUsable?(): Promise<string | undefined>;
  /** Told once when the run has ended: `stopped` when by `stop`, whose reason may still be replaced. */
  onEnd?(stopped: boolean): void;
}

export class SearchRun {
  private readonly loaded: AuditEvent[] = [];
  /** Where each event is in `loaded`, by connection and id. */
  private readonly positions = new EventPositions();
  /** Held records share repeated strings (docs/performance.md, item 4). */
  private readonly strings = new SharedStrings();
  private target: number;
  private pumping = false;
  private ended = false;
  private phase: RunPhase = 'running';
  private pages = 0;
  private total: number | null = null;
  private warnings = 0;
  private complete = false;
  private localFilters: string[] = [];
  private readonly notices: string[] = [];
  private readonly errors: RunStatus['errors'] = [];
  private readonly endWaiters: (() => void)[] = [];
  /** Where `stop` put its reason among the notices. */
  private stopNotice: number | undefined;

  constructor(
    private readonly updates: AsyncGenerator<SearchUpdate, void, undefined>,
    private readonly controller: AbortController,
    private readonly options: SearchRunOptions,
  ) {
    this.target = options.pageTarget;
    this.notices.push(...(options.notices ?? []));
  }

  get events(): readonly AuditEvent[] {
    return this.loaded;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The event with this `eventKey` (connection and id). */
  find(key: string): { event: AuditEvent; connectionId: string } | undefined {
    const at = this.positions.find(key);
    return at === undefined ? undefined : { event: this.loaded[at] as AuditEvent, connectionId: this.positions.connectionAt(at) };
  }

  /** The connection of the event at position `at` of `events`. */
  connectionAt(at: number): string {
    return this.positions.connectionAt(at);
  }

  start(): void {
    void this.pump();
  }

  loadMore(): void {
    this.target = Math.max(this.target, this.loaded.length + this.options.pageTarget);
    void this.pump();
  }

  /** Pulls to the end; resolves once the run has ended (done, cancelled or failed). */
  fetchAll(): Promise<void> {
    this.target = Infinity;
    void this.pump();
    return this.ended ? Promise.resolve() : new Promise((resolve) => this.endWaiters.push(resolve));
  }

  cancel(): void {
    if (this.ended) return;
    this.controller.abort();
    if (!this.pumping) this.end('cancelled');
  }

  /**
   * Stops the run for a reason the user must act on, said in its notices; the rows loaded
   * stay. A later reason replaces it (the connection removed just after its credential).
   */
  stop(notice: string): void {
    if (this.stopNotice !== undefined) {
      this.notices[this.stopNotice] = notice;
      this.postStatus();
      return;
    }
    if (this.ended) return;
    this.stopNotice = this.notices.push(notice) - 1;
    this.cancel();
  }

  status(): RunStatus {
    return {
      phase: this.phase,
      loaded: this.loaded.length,
      pages: this.pages,
      total: this.total,
      more: this.phase === 'paused',
      complete: this.complete,
      localFilters: this.localFilters,
      notices: this.notices,
      warnings: this.warnings,
      errors: this.errors,
    };
  }

  /** Everything the webview needs to show this run again (after it was hidden or reloaded). */
  replay(): void {
    const { runId } = this.options;
    for (const { connectionId, events } of chunksByConnection(this.loaded, (at) => this.positions.connectionAt(at))) this.options.post({ type: 'events', runId, connectionId, events });
    this.postStatus();
  }

  private async pump(): Promise<void> {
    if (this.pumping || this.ended) return;
    this.pumping = true;
    try {
      if (this.phase !== 'running') {
        this.phase = 'running';
        this.postStatus();
        const problem = await this.options.stillUsable?.();
        if (problem !== undefined) {
          this.stop(problem);
          this.end('cancelled');
          return;
        }
      }
      while (!this.ended && this.loaded.length < this.target) {
        const next = await this.updates.next();
        if (next.done) {
          this.end(this.controller.signal.aborted ? 'cancelled' : 'done');
          break;
        }
        this.apply(next.value);
      }
      if (!this.ended) {
        this.phase = 'paused';
        this.postStatus();
      }
    } catch (error) {
      // Not one connection's failure: the panel shows the message without a connection's name.
      this.errors.push({ connection: '', message: this.options.describeError(error) });
      this.end(this.controller.signal.aborted ? 'cancelled' : 'failed');
    } finally {
      this.pumping = false;
    }
  }

  private apply(update: SearchUpdate): void {
    const { runId } = this.options;
    switch (update.kind) {
      case 'page': {
        const { connectionId } = update;
        for (const event of update.events) {
          this.strings.shareInEvent(event);
          this.loaded[this.positions.place(connectionId, event.id, this.loaded.length).at] = event;
        }
        for (const event of update.revised) {
          const known = this.positions.at(connectionId, event.id);
          if (known !== undefined) this.loaded[known] = event;
        }
        for (const events of chunkEvents(update.events)) this.options.post({ type: 'events', runId, connectionId, events });
        for (const events of chunkEvents(update.revised)) this.options.post({ type: 'revised', runId, connectionId, events });
        this.pages = update.progress.pages;
        this.total = update.progress.total ?? null;
        this.warnings += update.warnings.length;
        this.postStatus();
        return;
      }
      case 'notice':
        this.notices.push(`${this.options.connectionLabel(update.connectionId)}: ${update.message}`);
        this.postStatus();
        return;
      case 'error':
        this.errors.push({ connection: this.options.connectionLabel(update.connectionId), message: this.options.describeError(update.error) });
        this.postStatus();
        this.options.onError?.(update.connectionId, update.error);
        return;
      case 'done': {
        const { summary } = update;
        this.localFilters = [...new Set(summary.connections.flatMap((c) => c.localFilters))];
        this.complete = !summary.cancelled && summary.connections.every((c) => c.complete);
        if (summary.limited) this.notices.push('The query limit cut the result.');
        this.end(summary.cancelled ? 'cancelled' : 'done');
        return;
      }
    }
  }

  private end(phase: RunPhase): void {
    if (this.ended) return;
    this.ended = true;
    this.phase = phase;
    // Lets the engine release its connections; a no-op once the generator has finished.
    void this.updates.return(undefined).catch(() => undefined);
    this.postStatus();
    for (const resolve of this.endWaiters.splice(0)) resolve();
    this.options.onEnd?.(this.stopNotice !== undefined);
  }

  private postStatus(): void {
    this.options.post({ type: 'status', runId: this.options.runId, status: this.status() });
  }
}
