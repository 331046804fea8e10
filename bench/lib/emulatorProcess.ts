/**
 * Runs emulators in a child process so their CPU work stays off the measured process.
 * Started by `emulatorHandle.ts`: argv[2] is JSON `{ counts: number[], latencyMs, rateLimits, window }`;
 * answers over IPC with `{ origins: { [count]: origin } }` once every emulator listens.
 */
import { VENDORS } from '../../src/core/model';
import { startEmulator } from '../../src/emulator/start';
import type { Emulator } from '../../src/emulator/server';

interface ChildConfig {
  counts: number[];
  latencyMs: number;
  rateLimits: boolean;
  window: { fromMs: number; toMs: number };
  now: number;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
  const emulators: Emulator[] = [];
  const origins: Record<string, string> = {};
  for (const count of config.counts) {
    const emulator = await startEmulator({
      latencyMs: config.latencyMs,
      rateLimits: config.rateLimits,
      now: () => config.now,
      data: { now: config.now, window: config.window, counts: Object.fromEntries(VENDORS.map((v) => [v, count])) },
    });
    emulators.push(emulator);
    origins[count] = emulator.origin;
  }
  process.on('message', (message: { type: string }) => {
    if (message.type === 'clear-log') {
      for (const emulator of emulators) emulator.requests.length = 0;
      process.send?.({ type: 'log-cleared' });
    }
  });
  process.on('disconnect', () => void Promise.all(emulators.map((e) => e.close())).then(() => process.exit(0)));
  process.send?.({ type: 'ready', origins });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench emulator: ${(error as Error).stack}\n`);
  process.exit(1);
});
