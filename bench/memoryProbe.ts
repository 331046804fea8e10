/**
 * Child-process entry of `memory.ts` (run with --expose-gc): fetches one vendor's events
 * through the engine, holds them as the panel would, and prints one JSON line:
 * `{ heldBytes, peakBytes, rawBytes, events }`. With `records` after the vendor it holds only
 * each event's `raw` record, as parsed: the floor under any design that keeps parsed records.
 */
import { createHttpClient } from '../src/core/http/client';
import { isVendorId, type AuditEvent } from '../src/core/model';
import { search } from '../src/core/search/engine';
import { RecordingClient } from './lib/recordingClient';
import { NOW, QUERY, target } from './lib/targets';

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}

async function main(): Promise<void> {
  const [origin = '', vendor = '', mode = 'events'] = process.argv.slice(2);
  if (!isVendorId(vendor)) throw new Error(`usage: memoryProbe.ts <origin> <vendor>; "${vendor}" is not a vendor`);
  const http = new RecordingClient(createHttpClient({ enforceRateLimits: false }));
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const held: Array<AuditEvent | AuditEvent['raw']> = [];
  for await (const update of search([target(origin, vendor)], QUERY, { http, now: () => NOW })) {
    if (update.kind === 'error') throw update.error;
    if (update.kind === 'page') held.push(...(mode === 'records' ? update.events.map((event) => event.raw) : update.events));
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const rawBytes = http.exchanges.reduce((sum, e) => sum + e.bytes, 0);
  http.exchanges = [];
  await http.close();
  collectGarbage();
  const heldBytes = process.memoryUsage().heapUsed - before;
  process.stdout.write(`${JSON.stringify({ heldBytes, peakBytes: peak - before, rawBytes, events: held.length })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`memory probe: ${(error as Error).stack}\n`);
  process.exit(1);
});
