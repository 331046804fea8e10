/**
 * Where the engine's CPU goes, stage by stage, for one vendor's 100k events (or all five):
 * the pages of a real search are recorded once, then replayed offline, timing each stage
 * on its own: `JSON.parse` of every page (kept, as the engine keeps them), the adapter's
 * validation and normalization, de-duplication by id, and snapshot linking (AXP).
 * `node --expose-gc --import tsx bench/stageCosts.ts [vendor]`
 */
import type { HttpClient, HttpRequest } from '../src/core/http/types';
import { isVendorId, VENDORS, type AuditEvent, type VendorId } from '../src/core/model';
import { collect } from '../src/core/search/engine';
import { SnapshotLinker } from '../src/core/search/snapshots';
import { getAdapter } from '../src/core/vendors/registry';
import { NOW, QUERY, target } from './lib/targets';
import { runTool } from './lib/tool';

const COUNT = 100_000;
const REPEATS = 3;

/** Keeps each page's body as text, in the order the engine received them. */
class PageRecorder implements HttpClient {
  readonly bodies: string[] = [];
  constructor(private readonly inner: HttpClient) {}
  async send(request: HttpRequest) {
    const response = await this.inner.send(request);
    this.bodies.push(JSON.stringify(response.json));
    return response;
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

function cpuMs(work: () => void): number {
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function stages(vendor: VendorId, bodies: readonly string[]): string {
  const adapter = getAdapter(vendor);
  let parsed: unknown[] = [];
  const parse = cpuMs(() => { parsed = bodies.map((body) => JSON.parse(body) as unknown); });
  let pages: AuditEvent[][] = [];
  const size = adapter.limits.defaultPageSize;
  const normalize = cpuMs(() => {
    pages = parsed.map((body, index) => adapter.parsePage(body, { window: { from: QUERY.from, to: QUERY.to }, index, size }).events);
  });
  const seen = new Set<string>();
  const dedupe = cpuMs(() => { for (const page of pages) for (const event of page) seen.add(event.id); });
  const linker = adapter.snapshots && new SnapshotLinker(adapter.snapshots);
  const link = cpuMs(() => { pages.forEach((page, index) => linker?.add(page, index * size)); });
  const perEvent = (ms: number): string => `${((ms * 1000) / seen.size).toFixed(2)} µs`;
  return `${vendor}: ${seen.size} events; per event: parse ${perEvent(parse)}, validate + normalize ${perEvent(normalize)}, de-duplicate ${perEvent(dedupe)}${linker ? `, link snapshots ${perEvent(link)}` : ''}`;
}

const only = process.argv[2];
if (only !== undefined && !isVendorId(only)) throw new Error(`usage: stageCosts.ts [vendor]; "${only}" is not a vendor`);

runTool([COUNT], async (fleet, http) => {
  for (const vendor of VENDORS) {
    if (only !== undefined && vendor !== only) continue;
    const recorder = new PageRecorder(http);
    await collect([target(fleet.origin(COUNT), vendor)], QUERY, { http: recorder, now: () => NOW });
    for (let run = 0; run < REPEATS; run++) process.stdout.write(`${stages(vendor, recorder.bodies)}\n`);
  }
});
