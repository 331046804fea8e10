import type { VendorId } from '../../core/model';

/** Ids of the demo's connections start with this; new user connections never get it. */
const DEMO_ID_PREFIX = 'demo-';

export function demoConnectionId(vendor: VendorId): string {
  return `${DEMO_ID_PREFIX}${vendor}`;
}

export function isDemoConnectionId(id: string): boolean {
  return id.startsWith(DEMO_ID_PREFIX);
}
