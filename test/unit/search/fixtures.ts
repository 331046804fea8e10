import * as assert from 'node:assert/strict';
import { VENDORS, type Connection, type VendorId } from '../../../src/core/model';
import type { SearchTarget } from '../../../src/core/search/types';
import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from '../../../src/emulator/credentials';
import type { Emulator } from '../../../src/emulator/server';
import { startEmulator } from '../../../src/emulator/start';

/** A connection + credential for one vendor of a running emulator. */
export function emulatorTarget(emulator: Emulator, vendor: VendorId, token?: string): SearchTarget {
  const connection: Connection = {
    id: `test-${vendor}`,
    label: `Test ${vendor}`,
    vendor,
    baseUrl: emulator.baseUrl(vendor),
    ...(vendor === 'axp' ? { accountId: EMULATOR_AXP_ACCOUNT } : {}),
  };
  const credentials = { ...EMULATOR_CREDENTIALS[vendor], ...(token !== undefined ? { token } : {}) };
  return { connection, credentials };
}

export function allTargets(emulator: Emulator): SearchTarget[] {
  return VENDORS.map((vendor) => emulatorTarget(emulator, vendor));
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The message of what `run` throws; fails the test when it throws nothing. */
export function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected an error');
}

/** An emulator whose clock stands at `now`, serving `count` records of every vendor from `fromMs` to `toMs`, without rate limits. */
export function startFixedEmulator(now: number, window: { fromMs: number; toMs: number }, count: number): Promise<Emulator> {
  return startEmulator({ now: () => now, rateLimits: false, data: { now, window, counts: Object.fromEntries(VENDORS.map((v) => [v, count])) } });
}
