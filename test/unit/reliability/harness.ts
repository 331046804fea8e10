import * as assert from 'node:assert/strict';
import { createHttpClient } from '../../../src/core/http/client';
import type { HttpClient, HttpClientOptions } from '../../../src/core/http/types';
import type { Logger } from '../../../src/core/log';
import { VENDORS, type AuditEvent, type AuditQuery, type VendorId } from '../../../src/core/model';
import { search } from '../../../src/core/search/engine';
import type { SearchOptions, SearchSummary, SearchTarget, SearchUpdate } from '../../../src/core/search/types';
import type { RecordWarning } from '../../../src/core/vendors/adapter';
import type { Emulator, EmulatorOptions } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';
import { startRecordingServer } from '../http/harness';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** The pinned clock of every reliability emulator. */
export const NOW = Date.parse('2025-12-20T12:00:00.000Z');
/** Events per vendor: six pages of ten. */
export const COUNT = 60;
export const PAGE = 10;
/**
 * A range holding every emulated event, inside Descope's reach and one Zluri window. It ends
 * where the events do, before the newest part of a range that is paged one page at a time
 * (`search/windows.ts`), so each suite's faults land on the requests it counts.
 */
export const QUERY: AuditQuery = { from: new Date(NOW - 6 * DAY).toISOString(), to: new Date(NOW - 2 * HOUR).toISOString() };

/** Where each vendor keeps the records of a page. */
export const RECORDS_OF: Record<VendorId, (body: any) => Record<string, unknown>[]> = {
  perfecto: (body) => body.hits.hits,
  axp: (body) => body.auditRecords,
  descope: (body) => body.audits,
  surfsight: (body) => body.data,
  zluri: (body) => body.items,
};

export function startReliabilityEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({
    now: () => NOW,
    rateLimits: false,
    data: { now: NOW, window: { fromMs: NOW - 5 * DAY, toMs: NOW - 2 * HOUR }, counts: Object.fromEntries(VENDORS.map((v) => [v, COUNT])) },
    ...options,
  });
}

/** A client with test-sized waits; each test gets its own, so rate budgets never carry over. */
export function fastClient(options: Partial<HttpClientOptions> & { logger?: Logger } = {}): HttpClient {
  return createHttpClient({
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    maxRetries: 2,
    retryAfterCeilingMs: 3_000,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    deadlineMs: 10_000,
    ...options,
  });
}

type ErrorUpdate = Extract<SearchUpdate, { kind: 'error' }>;

/** Everything one search reported, grouped. */
export interface SearchRun {
  events: AuditEvent[];
  pages: number;
  warnings: RecordWarning[];
  notices: string[];
  errors: ErrorUpdate[];
  summary: SearchSummary;
}

/** Runs a search to its `done`, keeping every update; `onUpdate` may act mid-search (e.g. cancel). */
export async function runSearch(
  targets: SearchTarget[], options: SearchOptions, query: AuditQuery = QUERY, onUpdate?: (update: SearchUpdate) => void,
): Promise<SearchRun> {
  const run: Omit<SearchRun, 'summary'> & { summary?: SearchSummary } = { events: [], pages: 0, warnings: [], notices: [], errors: [] };
  for await (const update of search(targets, query, { now: () => NOW, ...options })) {
    onUpdate?.(update);
    if (update.kind === 'page') {
      run.events.push(...update.events);
      run.warnings.push(...update.warnings);
      run.pages++;
    } else if (update.kind === 'notice') run.notices.push(update.message);
    else if (update.kind === 'error') run.errors.push(update);
    else run.summary = update.summary;
  }
  assert.ok(run.summary, 'the search ended without its done update');
  return run as SearchRun;
}

export function assertUnique(events: AuditEvent[]): void {
  const keys = new Set(events.map((e) => `${e.vendor}:${e.id}`));
  assert.equal(keys.size, events.length, 'an event was delivered twice');
}

export { eventually } from '../http/harness';

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Unhandled rejections during a test: every reliability test must leave none. */
export function watchUnhandledRejections(): { list: unknown[]; stop(): void } {
  const list: unknown[] = [];
  const listener = (reason: unknown): void => void list.push(reason);
  process.on('unhandledRejection', listener);
  return { list, stop: () => process.off('unhandledRejection', listener) };
}

/** One reliability emulator per suite, its faults and request log cleared before each test. */
export function useReliabilityEmulator(receive: (emulator: Emulator) => void): void {
  let emulator: Emulator | undefined;
  before(async () => {
    emulator = await startReliabilityEmulator();
    receive(emulator);
  });
  after(() => emulator?.close());
  beforeEach(() => {
    if (!emulator) return;
    emulator.faults.clear();
    emulator.requests.length = 0;
  });
}

/** Mocha hooks for a server elsewhere that records every request reaching it (none should), emptied before each test. */
export function useRecordingServer(receive: (server: RecordingServer) => void): void {
  let server: RecordingServer | undefined;
  before(async () => {
    server = await startRecordingServer();
    receive(server);
  });
  after(() => server?.close());
  beforeEach(() => {
    if (server) server.received.length = 0;
  });
}

export type RecordingServer = Awaited<ReturnType<typeof startRecordingServer>>;
