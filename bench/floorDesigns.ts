/**
 * One-off comparison behind item 1's floor: what keeping the records' values costs over the
 * plain baseline, for three ways of keeping them, over the requests the engine sent, each
 * design run alternately with the baseline (4 rounds, medians):
 * `node --expose-gc --import tsx bench/floorDesigns.ts [vendor]`.
 */
import { Agent } from 'undici';
import { createHttpClient } from '../src/core/http/client';
import { VENDORS } from '../src/core/model';
import { collect } from '../src/core/search/engine';
import { startEmulators } from './lib/emulators';
import { RecordingClient, type SentRequest } from './lib/recordingClient';
import { median } from './lib/stats';
import { DATA_WINDOW, NOW, QUERY, target } from './lib/targets';

type Design = 'baseline' | 'events with raw' | 'events without raw' | 'columns';
const DESIGNS: readonly Design[] = ['baseline', 'events with raw', 'events without raw', 'columns'];
const ROUNDS = 4;
const FIELDS = 8;

/** The page's record list: its longest array, at the top or one level down (`hits.hits`). */
function recordsOf(page: Record<string, unknown>): Array<Record<string, unknown>> {
  let longest: unknown[] = [];
  for (const value of Object.values(page)) {
    const lists = Array.isArray(value) ? [value] : value !== null && typeof value === 'object' ? Object.values(value).filter(Array.isArray) : [];
    for (const list of lists) if (list.length > longest.length) longest = list;
  }
  return longest as Array<Record<string, unknown>>;
}

function keeper(design: Design): { keep(record: Record<string, unknown>): void; size(): number } {
  const events: object[] = [];
  const columns: unknown[][] = Array.from({ length: FIELDS }, () => []);
  return {
    keep(record) {
      const values = Object.values(record);
      const at = (i: number): unknown => values[i % values.length];
      if (design === 'columns') {
        for (let field = 0; field < FIELDS; field++) (columns[field] as unknown[]).push(at(field));
        return;
      }
      events.push({
        vendor: 'floor', id: at(0), time: at(1), actor: { id: at(2), name: null, type: null, role: null }, action: at(3),
        resource: { type: at(4), id: at(5), name: null }, status: null, description: at(6), traceId: null, changes: [],
        raw: design === 'events with raw' ? record : null,
      });
    },
    size: () => events.length + (columns[0] as unknown[]).length,
  };
}

async function fetchAndKeep(agent: Agent, requests: readonly SentRequest[], concurrency: number, design: Design): Promise<number> {
  const kept = keeper(design);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const request = requests[next++] as SentRequest;
      const url = new URL(request.url);
      const response = await agent.request({
        origin: url.origin, path: url.pathname + url.search, method: request.method, headers: request.headers, body: request.body,
      });
      const page = JSON.parse(await response.body.text()) as Record<string, unknown>;
      if (design !== 'baseline') for (const record of recordsOf(page)) kept.keep(record);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return kept.size();
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const only = process.argv[2];
  const fleet = await startEmulators({ counts: [100_000], latencyMs: 0, rateLimits: false, window: DATA_WINDOW, now: NOW });
  const http = createHttpClient({ enforceRateLimits: false, maxConnectionsPerOrigin: 6 });
  try {
    for (const vendor of VENDORS.filter((v) => !only || v === only)) {
      const recorder = new RecordingClient(http);
      await collect([target(fleet.origin(100_000), vendor)], QUERY, { http: recorder, now: () => NOW });
      const requests = recorder.exchanges.map((e) => e.request);
      const agent = new Agent({ connections: 6 });
      const times = new Map<Design, number[]>(DESIGNS.map((d) => [d, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const design of DESIGNS) {
          gc();
          const started = performance.now();
          await fetchAndKeep(agent, requests, recorder.maxInFlight, design);
          times.get(design)?.push(performance.now() - started);
        }
      }
      await agent.close();
      const baseline = median(times.get('baseline') as number[]);
      const ratios = DESIGNS.slice(1).map((d) => `${d} ${(median(times.get(d) as number[]) / baseline).toFixed(2)}×`);
      process.stdout.write(`${vendor}: baseline ${baseline.toFixed(0)} ms; ${ratios.join(', ')}\n`);
    }
  } finally {
    await http.close();
    await fleet.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
