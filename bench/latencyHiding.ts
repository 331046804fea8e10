/**
 * Item 2: with 100 ms added to every emulator answer, the engine's default concurrency
 * against sequential paging (the same engine at concurrency 1). Rate limits are off on
 * both sides here; the second part shows, with them on, that Descope and Zluri are never
 * paged faster than their documented limits, by catching the first wait the limiter
 * imposes instead of waiting out a whole minute.
 */
import { createHttpClient } from '../src/core/http/client';
import type { WaitInfo } from '../src/core/http/types';
import { VENDORS, type VendorId } from '../src/core/model';
import { collect, search } from '../src/core/search/engine';
import { getAdapter } from '../src/core/vendors/registry';
import { startEmulators } from './lib/emulators';
import type { Figure } from './lib/figures';
import { RecordingClient } from './lib/recordingClient';
import { DATA_WINDOW, NOW, QUERY, target } from './lib/targets';

export const LATENCY_MS = 100;
/**
 * About a hundred pages per vendor at its default page size (Descope: 11, one at a time by
 * design), so the first page of each window, fetched alone, weighs little; 100k events
 * would take minutes sequentially for the small-page vendors.
 */
const EVENTS: Record<VendorId, number> = { perfecto: 50_000, axp: 5_000, descope: 10_000, surfsight: 20_000, zluri: 10_000 };
const FULL = 100_000;

async function timedCollect(origin: string, vendor: VendorId, concurrency: number | undefined, http: ReturnType<typeof createHttpClient>): Promise<{ ms: number; pages: number }> {
  const started = performance.now();
  const { updates } = await collect([target(origin, vendor)], QUERY, { http, now: () => NOW, concurrency });
  const done = updates.find((u) => u.kind === 'done');
  if (done?.kind !== 'done' || done.summary.connections[0]?.error) throw new Error(`${vendor}: the search failed`);
  return { ms: performance.now() - started, pages: done.summary.connections[0]?.pages ?? 0 };
}

export async function benchLatency(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const fleet = await startEmulators({ counts: [], custom: EVENTS, latencyMs: LATENCY_MS, rateLimits: false, window: DATA_WINDOW, now: NOW });
  const http = createHttpClient({ enforceRateLimits: false });
  try {
    for (const vendor of VENDORS) {
      const origin = fleet.origin('custom');
      const parallel = await timedCollect(origin, vendor, undefined, http);
      const sequential = await timedCollect(origin, vendor, 1, http);
      const speedup = sequential.ms / parallel.ms;
      const allowed = getAdapter(vendor).limits.parallelPages;
      log(`  latency ${vendor}: default ${parallel.ms.toFixed(0)} ms, sequential ${sequential.ms.toFixed(0)} ms, ${parallel.pages} pages`);
      figures.push({
        section: '2 latency hiding',
        name: `${vendor}: sequential ÷ default concurrency`,
        value: speedup,
        unit: '×',
        budget: allowed ? { min: 3 } : undefined,
        note: `${EVENTS[vendor] / 1000}k events, ${parallel.pages} pages, ${LATENCY_MS} ms each: ${(sequential.ms / 1000).toFixed(1)} s → ${(parallel.ms / 1000).toFixed(1)} s`
          + (allowed ? '' : '; one page at a time by design (rate limit)'),
      });
    }
  } finally {
    await http.close();
    await fleet.stop();
  }
  figures.push(...await rateLimitFloors());
  return figures;
}

/**
 * Runs a rate-limited search until the client's limiter first makes a request wait, and
 * reports when that request may go out, counted from the first request. The documented
 * limit allows `requests` per `perMs`, so request `requests + 1` must not leave sooner.
 */
async function rateLimitFloors(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const plans: Array<{ vendor: VendorId; pageSize: number }> = [{ vendor: 'descope', pageSize: 100 }, { vendor: 'zluri', pageSize: 10 }];
  const fleet = await startEmulators({ counts: [2_000], latencyMs: 0, rateLimits: true, window: DATA_WINDOW, now: NOW });
  try {
    for (const { vendor, pageSize } of plans) {
      const limit = getAdapter(vendor).limits.rateLimit;
      if (!limit) throw new Error(`${vendor} documents no rate limit`);
      const controller = new AbortController();
      let first: number | undefined;
      let earliest: number | undefined;
      let sentBeforeWait = 0;
      let retryAfter = 0;
      const onWait = (info: WaitInfo): void => {
        if (info.reason === 'retry-after') retryAfter++; // the emulator refused: the client went too fast
        if (info.reason !== 'rate-limit' || earliest !== undefined) return;
        // Date.now, as the limiter counts: the request cannot leave before this.
        earliest = Date.now() + info.ms - (first as number);
        sentBeforeWait = recorder.calls - 1;
        controller.abort();
      };
      const recorder = new RecordingClient(createHttpClient(), onWait);
      const started = performance.now();
      const markFirst = recorder.send.bind(recorder);
      recorder.send = (request) => {
        first ??= Date.now();
        return markFirst(request);
      };
      for await (const update of search([target(fleet.origin(2_000), vendor)], QUERY, { http: recorder, now: () => NOW, pageSize: { [vendor]: pageSize }, signal: controller.signal })) {
        if (update.kind === 'error') throw update.error;
      }
      await recorder.close();
      const seconds = (earliest ?? Number.NaN) / 1000;
      const pages = Math.ceil(FULL / getAdapter(vendor).limits.defaultPageSize);
      const floorMinutes = (Math.ceil(pages / limit.requests) - 1) * limit.perMs / 60_000;
      figures.push({
        section: '2 rate limits',
        name: `${vendor}: request ${limit.requests + 1} leaves after`,
        value: seconds,
        unit: ' s',
        budget: { min: limit.perMs / 1000 },
        note: `${sentBeforeWait} sent at once, then the limiter waits; ${retryAfter} refusals; `
          + `measured in ${((performance.now() - started) / 1000).toFixed(1)} s; 100k events (${pages} pages) cannot take less than ${floorMinutes} min`,
      });
    }
  } finally {
    await fleet.stop();
  }
  return figures;
}
