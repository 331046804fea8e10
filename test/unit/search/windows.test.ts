import * as assert from 'node:assert/strict';
import type { VendorLimits } from '../../../src/core/vendors/adapter';
import { planWindows } from '../../../src/core/search/windows';
import { DAY, HOUR } from './fixtures';

const NOW = Date.parse('2025-12-20T12:00:00.000Z');
const MINUTE = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const parallel: VendorLimits = { defaultPageSize: 100, maxPageSize: 100, parallelPages: true };
const lagging: VendorLimits = { ...parallel, ingestLagMs: HOUR };

describe('planWindows: the newest part of the range, where events may still arrive, is paged one page at a time', () => {
  it('splits a range that ends now at now − 10 minutes, the newer part live', () => {
    const { windows, notices } = planWindows({ from: iso(NOW - DAY), to: iso(NOW) }, parallel, NOW, 'Vendor');
    assert.deepEqual(windows, [
      { from: iso(NOW - 10 * MINUTE), to: iso(NOW), live: true },
      { from: iso(NOW - DAY), to: iso(NOW - 10 * MINUTE) },
    ]);
    assert.deepEqual(notices, []);
  });

  it('moves the boundary back by the vendor\'s lag, and says events of the lag may be missing', () => {
    const { windows, notices, freshness } = planWindows({ from: iso(NOW - DAY), to: iso(NOW) }, lagging, NOW, 'Perfecto');
    assert.deepEqual(windows.map((w) => [w.from, w.to, w.live ?? false]), [
      [iso(NOW - 70 * MINUTE), iso(NOW), true],
      [iso(NOW - DAY), iso(NOW - 70 * MINUTE), false],
    ]);
    assert.deepEqual(notices, []);
    assert.equal(freshness, `Perfecto makes audit events searchable about an hour after they happen: events after ${iso(NOW - HOUR)} may not be there yet.`);
  });

  it('leaves an older range whole and silent, and a range within the live part whole and live', () => {
    const older = planWindows({ from: iso(NOW - 3 * DAY), to: iso(NOW - 2 * HOUR) }, lagging, NOW, 'Perfecto');
    assert.deepEqual(older, { windows: [{ from: iso(NOW - 3 * DAY), to: iso(NOW - 2 * HOUR) }], notices: [] });
    const recent = planWindows({ from: iso(NOW - 5 * MINUTE), to: iso(NOW) }, parallel, NOW, 'Vendor');
    assert.deepEqual(recent.windows, [{ from: iso(NOW - 5 * MINUTE), to: iso(NOW), live: true }]);
  });

  it('cuts a range to the vendor\'s reach, saying so unless it began only moments before it (since:30d for 30 days)', () => {
    const reaching: VendorLimits = { ...parallel, parallelPages: false, reachMs: 30 * DAY };
    const asked = planWindows({ from: iso(NOW - 30 * DAY - 50), to: iso(NOW) }, reaching, NOW, 'Descope');
    assert.deepEqual(asked, { windows: [{ from: iso(NOW - 30 * DAY), to: iso(NOW) }], notices: [] });
    const older = planWindows({ from: iso(NOW - 40 * DAY), to: iso(NOW) }, reaching, NOW, 'Descope');
    assert.deepEqual(older.windows, [{ from: iso(NOW - 30 * DAY), to: iso(NOW) }]);
    assert.deepEqual(older.notices, [`Descope keeps audit events for 30 days only: searched from ${iso(NOW - 30 * DAY)}.`]);
  });

  it('pages a vendor that fetches one page at a time as before: no live window', () => {
    const { windows } = planWindows({ from: iso(NOW - DAY), to: iso(NOW) }, { ...parallel, parallelPages: false }, NOW, 'Vendor');
    assert.deepEqual(windows, [{ from: iso(NOW - DAY), to: iso(NOW) }]);
  });

  it('splits only the window that crosses the boundary when the range is cut into spans (newest first, sharing bounds)', () => {
    const { windows } = planWindows({ from: iso(NOW - 10 * DAY), to: iso(NOW) }, { ...parallel, maxWindowMs: 7 * DAY }, NOW, 'Zluri');
    assert.deepEqual(windows, [
      { from: iso(NOW - 10 * MINUTE), to: iso(NOW), live: true },
      { from: iso(NOW - 7 * DAY), to: iso(NOW - 10 * MINUTE) },
      { from: iso(NOW - 10 * DAY), to: iso(NOW - 7 * DAY) },
    ]);
  });
});
