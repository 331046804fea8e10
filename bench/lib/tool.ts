/**
 * What the bench's command-line tools share: emulators serving `counts` records per vendor at
 * zero latency, a client with rate limits off, both closed when the work ends, and a failure
 * printed with its stack and exit code 1.
 */
import { createHttpClient } from '../../src/core/http/client';
import type { HttpClient } from '../../src/core/http/types';
import { startEmulators, type EmulatorFleet } from './emulators';
import { DATA_WINDOW, NOW } from './targets';

export function runTool(counts: number[], work: (fleet: EmulatorFleet, http: HttpClient) => Promise<void>): void {
  const run = async (): Promise<void> => {
    const fleet = await startEmulators({ counts, latencyMs: 0, rateLimits: false, window: DATA_WINDOW, now: NOW });
    const http = createHttpClient({ enforceRateLimits: false });
    try {
      await work(fleet, http);
    } finally {
      await http.close();
      await fleet.stop();
    }
  };
  run().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}
