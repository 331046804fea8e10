import type { VendorId } from '../model';

const NAMES: Record<VendorId, string> = {
  perfecto: 'Perfecto',
  axp: 'Avaya AXP',
  descope: 'Descope',
  surfsight: 'Surfsight',
  zluri: 'Zluri',
};

/** The vendor's name as users know it, for messages. */
export function vendorName(vendor: VendorId): string {
  return NAMES[vendor];
}
