/**
 * Items 1, 3 and 8 (fetch): the full engine against plain undici + JSON.parse over the same
 * pages, at 1k, 10k and 100k events per vendor, zero added latency, rate limits off on both
 * sides; and the engine's overhead before the first rows.
 */
import { createHttpClient } from '../src/core/http/client';
import type { HttpClient } from '../src/core/http/types';
import { VENDORS, type AuditEvent, type VendorId } from '../src/core/model';
import { collect, search } from '../src/core/search/engine';
import { startEmulators } from './lib/emulators';
import type { Figure } from './lib/figures';
import { replayThroughClient } from './lib/clientReplay';
import { baselineAgent, columnKeeper, fetchRaw } from './lib/rawFetch';
import { RecordingClient } from './lib/recordingClient';
import { median, repeat } from './lib/stats';
import { DATA_WINDOW, NOW, QUERY, target } from './lib/targets';

export const SIZES = [1_000, 10_000, 100_000] as const;
const REPEATS: Record<number, number> = { 1_000: 7, 10_000: 5, 100_000: 3 };
const FIRST_ROWS_REPEATS = 7;
const CONNECTIONS = 6;


interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Each measured run starts on a collected heap: the previous run's events are not charged to the next. */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

interface VendorRun {
  engine: Timing[];
  baseline: Timing[];
  /** Engine time over baseline time of each back-to-back pair. */
  ratios: number[];
  /** The cheapest engine (`fetchRaw` holding eight values per record in columns) over the baseline, per repeat. */
  floorRatios: number[];
  /** The engine's HTTP client alone over the baseline, per repeat. */
  clientRatios: number[];
  events: number;
}

async function measureVendor(http: HttpClient, origin: string, vendor: VendorId, repeats: number): Promise<VendorRun> {
  const recorder = new RecordingClient(http);
  const warm = await collect([target(origin, vendor)], QUERY, { http: recorder, now: () => NOW });
  const failed = warm.updates.find((u) => u.kind === 'error');
  if (failed?.kind === 'error') throw new Error(`${vendor}: ${failed.error.message}`);
  const requests = recorder.exchanges.map((e) => e.request);
  const agent = baselineAgent(CONNECTIONS);
  await fetchRaw(agent, requests, recorder.maxInFlight); // warms the baseline's pool and JIT too
  const run: VendorRun = { engine: [], baseline: [], ratios: [], floorRatios: [], clientRatios: [], events: warm.events.length };
  await repeat(repeats, async () => {
    let events = 0;
    const engine = await timed(async () => { events = (await collect([target(origin, vendor)], QUERY, { http, now: () => NOW })).events.length; });
    if (events !== run.events) throw new Error(`${vendor}: the engine returned ${run.events} events, then ${events}`);
    const baseline = await timed(() => fetchRaw(agent, requests, recorder.maxInFlight));
    run.engine.push(engine);
    run.baseline.push(baseline);
    run.ratios.push(engine.wallMs / baseline.wallMs);
    const floor = await timed(() => fetchRaw(agent, requests, recorder.maxInFlight, columnKeeper()));
    run.floorRatios.push(floor.wallMs / baseline.wallMs);
    const client = await timed(() => replayThroughClient(http, vendor, requests, recorder.maxInFlight));
    run.clientRatios.push(client.wallMs / baseline.wallMs);
  });
  await agent.close();
  return run;
}

/** Engine overhead before the first rows: first page yielded, minus that page's own response time. */
async function firstRowsOverhead(http: HttpClient, origin: string, vendor: VendorId): Promise<number[]> {
  return repeat(FIRST_ROWS_REPEATS, async () => {
    const recorder = new RecordingClient(http);
    const started = performance.now();
    for await (const update of search([target(origin, vendor)], QUERY, { http: recorder, now: () => NOW })) {
      if (update.kind === 'error') throw new Error(`${vendor}: ${update.error.message}`);
      if (update.kind !== 'page') continue;
      const elapsed = performance.now() - started;
      const first = recorder.exchanges[0];
      if (!first) throw new Error(`${vendor}: a page arrived before any response`);
      return elapsed - first.durationMs;
    }
    throw new Error(`${vendor}: no page`);
  });
}

/** Each run's events are dropped before the next, so every vendor is measured on a clean heap. */
export async function benchFetch(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const fleet = await startEmulators({ counts: [...SIZES], latencyMs: 0, rateLimits: false, window: DATA_WINDOW, now: NOW });
  // Raw throughput needs the vendors' rate limits off on both sides; said explicitly here.
  const http = createHttpClient({ enforceRateLimits: false, maxConnectionsPerOrigin: CONNECTIONS });
  const perEvent: Record<number, { engine: number; baseline: number }> = {};
  try {
    for (const size of SIZES) {
      let engineTotal = 0;
      let baselineTotal = 0;
      for (const vendor of VENDORS) {
        const run = await measureVendor(http, fleet.origin(size), vendor, REPEATS[size] as number);
        const engineMs = median(run.engine.map((t) => t.wallMs));
        const baselineMs = median(run.baseline.map((t) => t.wallMs));
        engineTotal += engineMs;
        baselineTotal += baselineMs;
        log(`  fetch ${vendor} ${size}: engine ${engineMs.toFixed(0)} ms, baseline ${baselineMs.toFixed(0)} ms (${run.events} events)`);
        if (size !== 100_000) continue;
        const cpuRatio = median(run.engine.map((t) => t.cpuMs)) / median(run.baseline.map((t) => t.cpuMs));
        figures.push({
          section: '1 fetch throughput',
          name: `${vendor}: engine ÷ baseline, 100k`,
          value: median(run.ratios),
          unit: '×',
          budget: { max: 1.3 },
          samples: run.ratios,
          note: `engine ${engineMs.toFixed(0)} ms, baseline ${baselineMs.toFixed(0)} ms; client CPU ${cpuRatio.toFixed(2)}×`,
        });
        figures.push({
          section: '1 fetch throughput',
          name: `${vendor}: floor, cheapest engine ÷ baseline, 100k`,
          value: median(run.floorRatios),
          unit: '×',
          samples: run.floorRatios,
          note: 'the baseline that also keeps eight values per record in column arrays (no object per event, no raw): what any engine handing back events pays',
        });
        figures.push({
          section: '1 fetch throughput',
          name: `${vendor}: HTTP client alone ÷ baseline, 100k`,
          value: median(run.clientRatios),
          unit: '×',
          samples: run.clientRatios,
          note: 'the same requests through the engine\'s client (deadlines, size cap, safe logging, JSON decoding) and nothing after it',
        });
      }
      perEvent[size] = { engine: (engineTotal * 1000) / (size * VENDORS.length), baseline: (baselineTotal * 1000) / (size * VENDORS.length) };
    }
    for (const size of SIZES) {
      const cost = perEvent[size] as { engine: number; baseline: number };
      figures.push({
        section: '8 growth',
        name: `fetch, ${size / 1000}k events/vendor`,
        value: cost.engine,
        unit: ' µs/event',
        note: `baseline ${cost.baseline.toFixed(1)} µs/event`,
      });
    }
    const step = (perEvent[100_000] as { engine: number }).engine / (perEvent[10_000] as { engine: number }).engine;
    figures.push({
      section: '8 growth', name: 'fetch cost per event, 100k ÷ 10k', value: step, unit: '×', budget: { max: 1.5 },
      note: 'above 1 means super-linear; the budget is this benchmark\'s own',
    });
    for (const vendor of VENDORS) {
      const samples = await firstRowsOverhead(http, fleet.origin(100_000), vendor);
      figures.push({
        section: '3 first rows',
        name: `${vendor}: engine overhead`,
        value: median(samples),
        unit: ' ms',
        budget: { max: 20 },
        samples,
        note: 'first page yielded minus its response time',
      });
    }
  } finally {
    await http.close();
    await fleet.stop();
  }
  return figures;
}

/** 20,000 normalized events of each vendor: what the panel holds after a 100k search across all five. */
export async function mixedEvents(): Promise<AuditEvent[]> {
  const fleet = await startEmulators({ counts: [20_000], latencyMs: 0, rateLimits: false, window: DATA_WINDOW, now: NOW });
  const http = createHttpClient({ enforceRateLimits: false });
  try {
    const events: AuditEvent[] = [];
    for (const vendor of VENDORS) {
      events.push(...(await collect([target(fleet.origin(20_000), vendor)], QUERY, { http, now: () => NOW })).events);
    }
    return events;
  } finally {
    await http.close();
    await fleet.stop();
  }
}
