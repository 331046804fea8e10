import { AuditLensError, isAuditLensError } from '../errors';
import type { HttpClient, WaitInfo } from '../http/types';
import type { AuditEvent, AuditQuery, Credentials, FilterKey } from '../model';
import type { NormalizedPage, PageCursor, TimeWindow, VendorAdapter } from '../vendors/adapter';
import { activeFilters, matchesFilters } from './filters';
import type { UpdateQueue } from './queue';
import { mapRequestError } from './mapError';
import { redactError } from '../redact';
import { waitNotice } from './backoffWording';
import { pageSizeFor } from './pageSize';
import { RunCredentials } from './runCredentials';
import { buildHttpRequest } from './requestBuilder';
import type { SharedParts } from '../sharing/sharedParts';
import { SnapshotLinker } from './snapshots';
import type { ConnectionSummary, SearchTarget, SearchUpdate } from './types';
import { planWindows } from './windows';

/** What all connections of one search share. */
export interface RunContext {
  http: HttpClient;
  queue: UpdateQueue<SearchUpdate>;
  signal: AbortSignal;
  now: number;
  concurrency: number;
  shared: SharedParts;
  progress: { pages: number; events: number };
  /** Totals per connection; the search total is known once every connection has one. */
  totals: Map<string, number | undefined>;
}

/**
 * The listing position of a page's first record: windows come newest first and pages in order,
 * so (window, page, position) orders records as the vendor listed them. A page's records take
 * the ranks after it, fewer than PAGE_STRIDE however many a page holds; dropping repeats keeps
 * the order within a page and cannot reach the next page's ranks.
 */
const PAGE_STRIDE = 2 ** 20;
const WINDOW_STRIDE = 2 ** 40;
function listingRank(windowOrdinal: number, pageIndex: number): number {
  return windowOrdinal * WINDOW_STRIDE + pageIndex * PAGE_STRIDE;
}

/** Stops paging a window when a vendor keeps answering with pages it already sent. */
const MAX_STALE_PAGES = 2;

/** Fetches every page of every window of one connection, delivering pages as they arrive. */
export class ConnectionRun {
  readonly summary: ConnectionSummary;
  private readonly localKeys: FilterKey[];
  private readonly linker?: SnapshotLinker;
  private readonly pageSize: number;
  private windowsTotal = 0;
  /** Events received in two windows (on the instant they share), so counted in both windows' totals. */
  private reportedTwice = 0;
  private windowsWithoutTotal = 0;
  private stalePages = 0;
  /** Said with the first page: the newest events may not be searchable yet (`PlannedRange.freshness`). */
  private freshness?: string;
  /**
   * Ids of every event this connection delivered so far, each with the last window that
   * received it: windows share their boundary instant, so an event there counts in both
   * windows' totals, though it is delivered once.
   */
  private readonly seen = new Map<string, number>();
  /** The total the vendor reported on the current window's first page, if it did and the window is live. */
  private liveTotal?: number;
  /** Distinct records received in the current window, to compare with the total it reported. */
  private windowUnique = 0;
  /** Paging stopped before the vendor's end of a range, or the vendor sent fewer records than it reported. */
  private shortfall = false;
  /** How many windows were started: with the page index, where a page stood in the vendor's listing. */
  private windowOrdinal = 0;
  private readonly credentials: RunCredentials;

  constructor(
    private readonly adapter: VendorAdapter,
    private readonly target: SearchTarget,
    private readonly query: AuditQuery,
    private readonly context: RunContext,
    pageSize: number | undefined,
  ) {
    const server = adapter.serverFilters(query);
    this.localKeys = activeFilters(query).filter((key) => !server.has(key));
    this.linker = adapter.snapshots && new SnapshotLinker(adapter.snapshots);
    this.pageSize = pageSizeFor(adapter.limits, pageSize);
    this.credentials = new RunCredentials(target, context.signal);
    this.summary = {
      connectionId: target.connection.id,
      vendor: adapter.vendor,
      events: 0,
      pages: 0,
      localFilters: this.localKeys,
      notices: [],
      warnings: 0,
      complete: false,
    };
  }

  async run(): Promise<ConnectionSummary> {
    try {
      if (this.query.traceId !== undefined && !this.adapter.carriesTraceIds) {
        this.notice(`${this.adapter.label} records no trace ids, so it was not searched for this one.`);
        this.summary.localFilters = []; // nothing was fetched, so nothing was filtered here
        this.summary.complete = true;
        return this.summary;
      }
      const plan = planWindows(this.query, this.adapter.limits, this.context.now, this.adapter.label);
      for (const notice of plan.notices) this.notice(notice);
      this.freshness = plan.freshness;
      for (const window of plan.windows) {
        await this.fetchWindow(window);
        if (this.limitReached()) break;
      }
      this.summary.complete = !this.shortfall && (!this.limitReached() || plan.windows.length === 0);
    } catch (error) {
      const failure = isAuditLensError(error) ? error : new AuditLensError('network', String((error as Error)?.message ?? error), { vendor: this.adapter.vendor, cause: error });
      if (failure.reason !== 'cancelled' && !this.context.signal.aborted) {
        this.summary.error = failure;
        this.context.queue.push({ kind: 'error', connectionId: this.summary.connectionId, vendor: this.adapter.vendor, error: failure });
      }
    }
    return this.summary;
  }

  private limitReached(): boolean {
    return this.query.limit !== undefined && this.summary.events >= this.query.limit;
  }

  /** Pages through one window; says so when the vendor sent fewer records than the total it reported. */
  private async fetchWindow(window: TimeWindow): Promise<void> {
    this.windowUnique = 0;
    this.windowOrdinal++;
    const total = await this.pageThrough(window);
    if (total !== undefined && this.windowUnique < total && !this.stopped() && !this.limitReached()) {
      this.shortfall = true;
      this.notice(`${this.adapter.label} reported ${total} ${total === 1 ? 'event' : 'events'} from ${window.from} to ${window.to} but sent ${this.windowUnique}: some may be missing. Search again, or narrow the range.`);
    }
  }

  /** Returns the total the vendor reported for the window, if it did. */
  private async pageThrough(window: TimeWindow): Promise<number | undefined> {
    const size = this.pageSize;
    const first = await this.fetchPage({ window, index: 0, size });
    this.liveTotal = window.live ? first.total : undefined;
    this.recordTotal(first.total);
    if (!this.deliver(first, 0) || first.recordCount < size) return first.total;
    let next = 1;
    if (first.total !== undefined) {
      const pages = Math.ceil(first.total / size);
      const parallel = this.adapter.limits.parallelPages && !window.live ? this.context.concurrency : 1;
      let lastFull = true;
      const finished = await this.pool(window, next, pages, parallel, (page, index) => {
        if (index === pages - 1) lastFull = page.recordCount >= size;
        return this.deliver(page, index);
      });
      if (!finished || !lastFull || this.stopped()) return first.total;
      next = Math.max(next, pages); // the vendor's total was low: keep paging until a short page
    }
    for (let index = next; !this.stopped(); index++) {
      const page = await this.fetchPage({ window, index, size });
      if (!this.deliver(page, index) || page.recordCount < size) break;
    }
    return first.total;
  }

  /**
   * Fetches pages [from, to) with at most `parallel` in flight; `onPage` returning false stops
   * new fetches. False when it stopped so: paging must not go on past the pages skipped.
   * A failed page also stops new fetches, but the pages already in flight are still awaited and
   * delivered before the failure is thrown: nothing of this run may go on after it reports.
   */
  private async pool(
    window: TimeWindow, from: number, to: number, parallel: number,
    onPage: (page: NormalizedPage, index: number) => boolean,
  ): Promise<boolean> {
    let nextIndex = from;
    let stop = false;
    let failure: { error: unknown } | undefined;
    const halted = (): boolean => stop || failure !== undefined || nextIndex >= to || this.stopped();
    const worker = async (): Promise<void> => {
      while (!halted()) {
        await this.context.queue.demand();
        if (halted()) return; // another worker failed or stopped paging while this one waited
        const index = nextIndex++;
        try {
          const page = await this.requestPage({ window, index, size: this.pageSize });
          if (!onPage(page, index)) stop = true;
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, to - from)) }, worker));
    if (failure) throw failure.error;
    return !stop;
  }

  private stopped(): boolean {
    return this.context.signal.aborted || (this.limitReached() && this.adapter.limits.newestFirst === true);
  }

  private recordTotal(total: number | undefined): void {
    if (total === undefined) this.windowsWithoutTotal++;
    else this.windowsTotal += total;
    this.publishTotal();
  }

  /** The windows' totals, less the events each pair of windows both reported on the instant they share. */
  private publishTotal(): void {
    this.summary.total = this.windowsWithoutTotal === 0 ? this.windowsTotal - this.reportedTwice : undefined;
    // The vendor's total counts records before local filtering: no total of matching events then.
    this.context.totals.set(this.summary.connectionId, this.localKeys.length === 0 ? this.summary.total : undefined);
  }

  private async fetchPage(cursor: PageCursor): Promise<NormalizedPage> {
    await this.context.queue.demand();
    return this.requestPage(cursor);
  }

  /**
   * Fetches and reads one page now, whatever the consumer's pace: callers wait for demand first.
   * A refused credential is renewed once if the target can (`RunCredentials`), and the page sent again.
   */
  private async requestPage(cursor: PageCursor): Promise<NormalizedPage> {
    const credentials = this.credentials.value;
    try {
      return await this.attemptPage(cursor, credentials);
    } catch (error) {
      if (isAuditLensError(error) && error.reason === 'auth' && await this.credentials.renewAfterRefusal(credentials)) {
        return this.attemptPage(cursor, this.credentials.value);
      }
      throw error;
    }
  }

  private async attemptPage(cursor: PageCursor, credentials: Credentials): Promise<NormalizedPage> {
    if (this.context.signal.aborted) throw new AuditLensError('cancelled', 'The search was cancelled.', { vendor: this.adapter.vendor });
    const request = buildHttpRequest(this.adapter, this.target.connection, credentials, this.query, cursor, {
      signal: this.context.signal,
      onWait: (info) => this.onWait(info),
    });
    let body: unknown;
    try {
      body = (await this.context.http.send(request)).json;
    } catch (error) {
      throw mapRequestError(this.adapter, error, this.credentials.secrets());
    }
    try {
      return this.adapter.parsePage(body, cursor);
    } catch (error) {
      // A vendor may echo the credential in a body that reads as an error: redacted as HTTP errors are.
      const failure = isAuditLensError(error)
        ? error
        : new AuditLensError('schema', `${this.adapter.label} answered with a page that could not be read: ${(error as Error).message}`, { vendor: this.adapter.vendor, cause: error });
      throw redactError(failure, this.credentials.secrets());
    }
  }

  /** Hands page `index` of the current window to the consumer. Returns false when paging this window should stop. */
  private deliver(page: NormalizedPage, index: number): boolean {
    if (this.freshness !== undefined) {
      this.notice(this.freshness);
      this.freshness = undefined;
    }
    const fresh = this.unseen(page.events);
    const linked = this.linker ? this.linker.add(fresh, listingRank(this.windowOrdinal, index)) : [];
    // A revised event went out before exactly when it passed the local filters (they never read `changes`).
    const revised = this.localKeys.length === 0 ? linked : linked.filter((event) => matchesFilters(event, this.query, this.localKeys));
    const events = this.localKeys.length === 0 ? fresh : fresh.filter((event) => matchesFilters(event, this.query, this.localKeys));
    this.summary.pages++;
    this.summary.events += events.length;
    this.summary.warnings += page.warnings.length;
    const progress = this.context.progress;
    progress.pages++;
    progress.events += events.length;
    this.context.queue.push({
      kind: 'page',
      connectionId: this.summary.connectionId,
      vendor: this.adapter.vendor,
      events,
      revised,
      warnings: page.warnings,
      progress: { pages: progress.pages, events: progress.events, total: this.searchTotal() },
    });
    this.stalePages = page.recordCount > 0 && fresh.length === 0 ? this.stalePages + 1 : 0;
    if (this.stalePages >= this.staleAllowance(page)) {
      this.shortfall = true;
      // Parallel pages may each find this: said once per run.
      this.noticeOnce(`${this.adapter.label} kept returning pages already fetched; stopped paging this range.`);
      return false;
    }
    return page.recordCount > 0 && !this.stopped();
  }

  /**
   * Pages in a row that may bring nothing new before paging stops. In a live window, events
   * that arrived since its first page push already-fetched records onto the next pages: one
   * more page for every page's worth the vendor's total grew by.
   */
  private staleAllowance(page: NormalizedPage): number {
    if (this.liveTotal === undefined || page.total === undefined) return MAX_STALE_PAGES;
    return MAX_STALE_PAGES + Math.ceil(Math.max(0, page.total - this.liveTotal) / this.pageSize);
  }

  /**
   * The events whose ids no earlier page of this connection delivered: the page's own array
   * when none repeat. Per connection, not per vendor: two connections of one vendor (say two
   * Surfsight regions, each numbering its records from 1) may both have an event 42.
   */
  private unseen(events: AuditEvent[]): AuditEvent[] {
    let fresh: AuditEvent[] | undefined;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as AuditEvent;
      const lastWindow = this.seen.get(event.id);
      if (lastWindow !== this.windowOrdinal) {
        this.seen.set(event.id, this.windowOrdinal);
        this.windowUnique++;
        if (lastWindow !== undefined) {
          this.reportedTwice++;
          this.publishTotal();
        }
      }
      if (lastWindow !== undefined) {
        fresh ??= events.slice(0, i);
        continue;
      }
      this.context.shared.share(event);
      fresh?.push(event);
    }
    return fresh ?? events;
  }

  /** The sum of every connection's total, once each has one. */
  private searchTotal(): number | undefined {
    let sum = 0;
    for (const total of this.context.totals.values()) {
      if (total === undefined) return undefined;
      sum += total;
    }
    return sum;
  }

  private onWait(info: WaitInfo): void {
    const message = waitNotice(this.adapter.label, info, this.adapter.limits.rateLimit);
    if (message !== undefined) this.notice(message);
  }

  private noticeOnce(message: string): void {
    if (!this.summary.notices.includes(message)) this.notice(message);
  }

  private notice(message: string): void {
    if (!this.summary.notices.includes(message)) this.summary.notices.push(message);
    this.context.queue.push({ kind: 'notice', connectionId: this.summary.connectionId, vendor: this.adapter.vendor, message });
  }
}
