/**
 * Child-process entry of `memory.ts` (run with --expose-gc): fetches one vendor's events
 * through the engine into the panel host's own holder (`SearchRun`, fetching to the end, its
 * messages to the webview dropped), and prints one JSON line:
 * `{ heldBytes, peakBytes, rawBytes, events, sharingMs }`; `sharingMs` is the time the holder
 * spent making records share strings (`SharedStrings.shareInEvent`), timed around each call.
 */
import { createHttpClient } from '../src/core/http/client';
import { isVendorId } from '../src/core/model';
import { search } from '../src/core/search/engine';
import { SharedStrings } from '../src/core/sharing/sharedStrings';
import { SearchRun } from '../src/extension/panel/searchRun';
import { RecordingClient } from './lib/recordingClient';
import { NOW, QUERY, target } from './lib/targets';

/** Times every call of `SharedStrings.shareInEvent` in this process. */
function timeSharing(): { ms: number } {
  const total = { ms: 0 };
  const share = SharedStrings.prototype.shareInEvent;
  SharedStrings.prototype.shareInEvent = function timed(this: SharedStrings, ...args: Parameters<typeof share>): void {
    const started = performance.now();
    share.apply(this, args);
    total.ms += performance.now() - started;
  };
  return total;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}

async function main(): Promise<void> {
  const [origin = '', vendor = ''] = process.argv.slice(2);
  if (!isVendorId(vendor)) throw new Error(`usage: memoryProbe.ts <origin> <vendor>; "${vendor}" is not a vendor`);
  const http = new RecordingClient(createHttpClient({ enforceRateLimits: false }));
  const sharing = timeSharing();
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const samplePeak = (): void => { peak = Math.max(peak, process.memoryUsage().heapUsed); };
  const controller = new AbortController();
  const run = new SearchRun(search([target(origin, vendor)], QUERY, { http, now: () => NOW, signal: controller.signal }), controller, {
    runId: 1,
    pageTarget: 500,
    connectionLabel: () => vendor,
    describeError: (error) => String(error),
    post: samplePeak,
  });
  await run.fetchAll();
  const { errors } = run.status();
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
  const held = run.events;
  const rawBytes = http.exchanges.reduce((sum, e) => sum + e.bytes, 0);
  http.exchanges = [];
  await http.close();
  collectGarbage();
  const heldBytes = process.memoryUsage().heapUsed - before;
  process.stdout.write(`${JSON.stringify({ heldBytes, peakBytes: peak - before, rawBytes, events: held.length, sharingMs: sharing.ms })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`memory probe: ${(error as Error).stack}\n`);
  process.exit(1);
});
