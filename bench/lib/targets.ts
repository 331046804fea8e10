/** The connections, query and time window every benchmark uses against the emulator. */
import type { AuditQuery, VendorId } from '../../src/core/model';
import type { SearchTarget } from '../../src/core/search/types';
import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from '../../src/emulator/credentials';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A pinned clock: every run sees the same data and the same windows. */
export const NOW = Date.parse('2025-12-20T12:00:00.000Z');
/** 20 days: inside Descope's 30-day reach, and three of Zluri's 7-day windows. */
export const DATA_WINDOW = { fromMs: NOW - 20 * DAY, toMs: NOW - HOUR };
export const QUERY: AuditQuery = { from: new Date(DATA_WINDOW.fromMs - HOUR).toISOString(), to: new Date(NOW).toISOString() };

export function target(origin: string, vendor: VendorId): SearchTarget {
  return {
    connection: {
      id: `bench-${vendor}`,
      label: `Bench ${vendor}`,
      vendor,
      baseUrl: `${origin}/${vendor}`,
      ...(vendor === 'axp' ? { accountId: EMULATOR_AXP_ACCOUNT } : {}),
    },
    credentials: EMULATOR_CREDENTIALS[vendor],
  };
}
