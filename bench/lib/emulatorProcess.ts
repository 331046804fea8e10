/**
 * Child-process entry of `emulators.ts`: argv[2] is the JSON config; answers over IPC with
 * `{ origins: { [count]: origin } }` once every emulator listens, and exits on disconnect.
 */
import { VENDORS, type VendorId } from '../../src/core/model';
import type { Emulator } from '../../src/emulator/server';
import { startEmulator } from '../../src/emulator/start';
import type { EmulatorConfig } from './emulators';

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as EmulatorConfig;
  const emulators: Emulator[] = [];
  const origins: Record<string, string> = {};
  const datasets: Array<[string, Partial<Record<VendorId, number>>]> = config.counts.map((count) => [String(count), Object.fromEntries(VENDORS.map((v) => [v, count]))]);
  if (config.custom) datasets.push(['custom', config.custom]);
  for (const [name, counts] of datasets) {
    const emulator = await startEmulator({
      latencyMs: config.latencyMs,
      rateLimits: config.rateLimits,
      now: () => config.now,
      data: { now: config.now, window: config.window, counts },
    });
    // The request log would grow by one entry per page for the whole run; nothing here reads it.
    emulator.requests.push = () => 0;
    emulators.push(emulator);
    origins[name] = emulator.origin;
  }
  process.on('disconnect', () => void Promise.all(emulators.map((e) => e.close())).then(() => process.exit(0)));
  process.send?.({ origins });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench emulator: ${(error as Error).stack}\n`);
  process.exit(1);
});
