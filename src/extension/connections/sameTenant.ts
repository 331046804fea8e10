import type { Connection } from '../../core/model';

/** Where a connection's events come from: vendor, address (host and path) and AXP account. */
function tenantOf(connection: Pick<Connection, 'vendor' | 'baseUrl' | 'accountId'>): string | undefined {
  let url: URL;
  try {
    url = new URL(connection.baseUrl);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  const account = connection.accountId?.trim().toLowerCase() ?? '';
  return JSON.stringify([connection.vendor, url.protocol, url.host, path, account]);
}

/**
 * The first connection reading the same tenant as `candidate`. Two such connections show
 * every event twice in a search across connections: their events are told apart by
 * connection, since two regions of one vendor may number their records alike. The demo's
 * connections do not count: they come and go with the demo, and are not the user's to edit.
 */
export function connectionToSameTenant(
  candidate: Pick<Connection, 'vendor' | 'baseUrl' | 'accountId'>, existing: readonly Connection[],
): Connection | undefined {
  const tenant = tenantOf(candidate);
  return tenant === undefined ? undefined : existing.find((connection) => !connection.demo && tenantOf(connection) === tenant);
}
