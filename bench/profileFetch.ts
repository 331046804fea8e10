/**
 * Runs the engine alone over one vendor's 100k events, for profiling:
 * `node --cpu-prof --cpu-prof-dir=bench-results/profiles --import tsx bench/profileFetch.ts axp [count]`
 * then `npx tsx bench/summarizeProfile.ts bench-results/profiles/<file>.cpuprofile`.
 */
import { isVendorId } from '../src/core/model';
import { collect } from '../src/core/search/engine';
import { NOW, QUERY, target } from './lib/targets';
import { runTool } from './lib/tool';

const vendor = process.argv[2] ?? '';
if (!isVendorId(vendor)) throw new Error(`usage: profileFetch.ts <vendor> [count]; "${vendor}" is not a vendor`);
const count = Number(process.argv[3] ?? 100_000);

runTool([count], async (fleet, http) => {
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const { events } = await collect([target(fleet.origin(count), vendor)], QUERY, { http, now: () => NOW });
    process.stdout.write(`${vendor}: ${events.length} events in ${(performance.now() - started).toFixed(0)} ms\n`);
  }
});
