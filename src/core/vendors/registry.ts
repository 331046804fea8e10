import type { VendorId } from '../model';
import type { VendorAdapter } from './adapter';
import { axpAdapter } from './axp/adapter';
import { descopeAdapter } from './descope/adapter';
import { perfectoAdapter } from './perfecto/adapter';
import { surfsightAdapter } from './surfsight/adapter';
import { zluriAdapter } from './zluri/adapter';

/** Every supported vendor. Adding a sixth touches its own folder and this line. */
export const ADAPTERS: Readonly<Record<VendorId, VendorAdapter>> = {
  perfecto: perfectoAdapter,
  axp: axpAdapter,
  descope: descopeAdapter,
  surfsight: surfsightAdapter,
  zluri: zluriAdapter,
};

export function getAdapter(vendor: VendorId): VendorAdapter {
  return ADAPTERS[vendor];
}
