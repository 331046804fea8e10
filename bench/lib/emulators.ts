/** Starts emulators in a child process (off the measured process's CPU) and stops them. */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { VendorId } from '../../src/core/model';

export interface EmulatorConfig {
  /** One emulator per count, each holding that many records per vendor. */
  counts: number[];
  /** One more emulator holding these records per vendor, at `origin('custom')`. */
  custom?: Partial<Record<VendorId, number>>;
  latencyMs: number;
  rateLimits: boolean;
  window: { fromMs: number; toMs: number };
  now: number;
}

export interface EmulatorFleet {
  /** Origin of the emulator holding `count` records per vendor (or the custom one). */
  origin(count: number | 'custom'): string;
  stop(): Promise<void>;
}

export function startEmulators(config: EmulatorConfig): Promise<EmulatorFleet> {
  const child = fork(path.join(__dirname, 'emulatorProcess.ts'), [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator process exited with code ${code} before it was ready`)));
    child.once('message', (message: { origins: Record<string, string> }) => {
      child.removeAllListeners('exit');
      resolve({
        origin: (count) => {
          const origin = message.origins[count];
          if (!origin) throw new Error(`no emulator holds ${count} records per vendor`);
          return origin;
        },
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.disconnect();
        }),
      });
    });
  });
}
