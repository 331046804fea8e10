/**
 * When the panel shows the Connection column on its own: a new panel whose search spans two or
 * more connections of one vendor (rows of "prod" and "staging" would look alike) starts with it
 * right after Vendor. After that the columns are the user's: removed in the Columns picker, it
 * stays removed. Pure.
 */
import type { ConnectionInfo } from '../../shared/protocol';
import type { ColumnId } from '../../shared/viewState';

/** Whether two connections of the run share a vendor. */
export function sharesVendor(connections: readonly Pick<ConnectionInfo, 'vendor'>[]): boolean {
  return new Set(connections.map((c) => c.vendor)).size < connections.length;
}

/** The columns a new panel starts with: `columns`, plus Connection after Vendor (else after the first column) when needed. */
export function startingColumns(columns: readonly ColumnId[], connections: readonly Pick<ConnectionInfo, 'vendor'>[]): ColumnId[] {
  if (columns.includes('connection') || !sharesVendor(connections)) return [...columns];
  const vendor = columns.indexOf('vendor');
  const at = vendor >= 0 ? vendor + 1 : Math.min(1, columns.length);
  return [...columns.slice(0, at), 'connection', ...columns.slice(at)];
}
