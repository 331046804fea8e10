/**
 * One-off comparison behind item 1's floor: what keeping the records' values costs over the
 * plain baseline, for three ways of keeping them, over the requests the engine sent, each
 * design run alternately with the baseline (4 rounds, medians):
 * `node --expose-gc --import tsx bench/floorDesigns.ts [vendor]`.
 */
import { VENDORS } from '../src/core/model';
import { collect } from '../src/core/search/engine';
import { baselineAgent, columnKeeper, fetchRaw, type RecordKeeper } from './lib/rawFetch';
import { RecordingClient } from './lib/recordingClient';
import { median } from './lib/stats';
import { NOW, QUERY, target } from './lib/targets';
import { runTool } from './lib/tool';

type Design = 'baseline' | 'events with raw' | 'events without raw' | 'columns';
const DESIGNS: readonly Design[] = ['baseline', 'events with raw', 'events without raw', 'columns'];
const ROUNDS = 4;

/** The floor's columns, or one event-shaped object per record, with or without `raw`. */
function keeperFor(design: Exclude<Design, 'baseline'>): RecordKeeper {
  if (design === 'columns') return columnKeeper();
  const events: object[] = [];
  return {
    keep(record) {
      const values = Object.values(record);
      const at = (i: number): unknown => values[i % values.length];
      events.push({
        vendor: 'floor', id: at(0), time: at(1), actor: { id: at(2), name: null, type: null, role: null }, action: at(3),
        resource: { type: at(4), id: at(5), name: null }, status: null, description: at(6), traceId: null, changes: [],
        raw: design === 'events with raw' ? record : null,
      });
    },
    get size() {
      return events.length;
    },
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const only = process.argv[2];

runTool([100_000], async (fleet, http) => {
  for (const vendor of VENDORS.filter((v) => !only || v === only)) {
    const recorder = new RecordingClient(http);
    await collect([target(fleet.origin(100_000), vendor)], QUERY, { http: recorder, now: () => NOW });
    const requests = recorder.exchanges.map((e) => e.request);
    const agent = baselineAgent(6);
    const times = new Map<Design, number[]>(DESIGNS.map((d) => [d, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const design of DESIGNS) {
        gc();
        const started = performance.now();
        await fetchRaw(agent, requests, recorder.maxInFlight, design === 'baseline' ? undefined : keeperFor(design));
        times.get(design)?.push(performance.now() - started);
      }
    }
    await agent.close();
    const baseline = median(times.get('baseline') as number[]);
    const ratios = DESIGNS.slice(1).map((d) => `${d} ${(median(times.get(d) as number[]) / baseline).toFixed(2)}×`);
    process.stdout.write(`${vendor}: baseline ${baseline.toFixed(0)} ms; ${ratios.join(', ')}\n`);
  }
});
