import * as assert from 'node:assert/strict';
import type { VendorId } from '../../../src/core/model';
import type { PageCursor } from '../../../src/core/vendors/adapter';
import { getAdapter } from '../../../src/core/vendors/registry';

const CURSOR: PageCursor = { window: { from: '2025-12-01T00:00:00.000Z', to: '2025-12-02T00:00:00.000Z' }, index: 0, size: 100 };

/** One page per vendor holding a single record whose time cannot be read. */
const PAGES: Record<VendorId, unknown> = {
  perfecto: { hits: { total: { value: 1, relation: 'eq' }, hits: [{ _id: 'p1', _source: { action: 'Update User', timestamp: 'soon' } }] } },
  axp: { auditRecords: [{ type: 'USER', event: 'UPDATED', author: 'ann@example.com', date: 'soon', auditData: { userId: 'u1' } }], pagination: { total: 1 } },
  descope: { audits: [{ ID: 'd1', action: 'LoginFailed', occurred: 'soon' }], total: 1 },
  surfsight: { data: [{ id: 1, createdAt: 'soon' }], metadata: { count: 1 } },
  zluri: { items: [{ _id: 'z1', event: 'user_login', event_timestamp: 'soon' }], count: 1, page: 1, page_size: 100 },
};

describe('a record whose time cannot be read', () => {
  for (const [vendor, body] of Object.entries(PAGES) as Array<[VendorId, unknown]>) {
    it(`${vendor}: is kept, at the end of the window it was fetched in, with a warning`, () => {
      const page = getAdapter(vendor).parsePage(body, CURSOR);
      assert.equal(page.events.length, 1);
      assert.equal(page.events[0]?.time, CURSOR.window.to);
      assert.equal(page.warnings.length, 1, JSON.stringify(page.warnings));
    });
  }
});
