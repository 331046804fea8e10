import type { VendorLimits } from '../vendors/adapter';

/** The page size a search asks a vendor for: the configured one (else the vendor's default), capped at its maximum. */
export function pageSizeFor(limits: Pick<VendorLimits, 'defaultPageSize' | 'maxPageSize'>, configured: number | undefined): number {
  return Math.max(1, Math.min(limits.maxPageSize, Math.floor(configured ?? limits.defaultPageSize)));
}
