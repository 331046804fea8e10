import * as z from 'zod/mini';
import type { Connection } from '../../core/model';
import type { ConnectionStore } from '../connections/connectionStore';
import { searchRefSchema, type SearchRef } from '../savedSearches/savedSearches';
import type { Prompts } from '../ui/prompts';

// Tree nodes and programmatic callers pass the same shapes; anything else is ignored.
const connectionArg = z.union([
  z.string(),
  z.object({ connectionId: z.string() }),
  z.object({ kind: z.literal('connection'), connection: z.object({ id: z.string() }) }),
]);

function connectionIdOf(arg: unknown): string | undefined {
  const parsed = connectionArg.safeParse(arg);
  if (!parsed.success) return undefined;
  const value = parsed.data;
  if (typeof value === 'string') return value;
  return 'connectionId' in value ? value.connectionId : value.connection.id;
}

/** The connection a command was invoked on, or one the user picks. */
export async function connectionFromArg(
  arg: unknown,
  connections: ConnectionStore,
  prompts: Prompts,
  filter: (c: Connection) => boolean = () => true,
): Promise<Connection | undefined> {
  const id = connectionIdOf(arg);
  if (id !== undefined) {
    const found = connections.resolve(id);
    if (!found) throw new Error(`There is no connection "${id}".`);
    return found;
  }
  const candidates = connections.all().filter(filter);
  if (candidates.length === 0) throw new Error('There are no connections yet. Run "Audit Lens: Add Connection" or "Audit Lens: Try the Demo".');
  const picked = await prompts.pick(
    candidates.map((connection) => ({ label: connection.label, description: connection.vendor, connection })),
    { placeHolder: 'Pick a connection' },
  );
  return picked?.connection;
}

/** A saved-search node or `{ store, name, folder? }`. */
export function searchRefFromArg(arg: unknown): SearchRef {
  const parsed = searchRefSchema.safeParse(arg);
  if (!parsed.success) throw new Error('Run this command on a saved search in the Audit Lens view.');
  return parsed.data;
}
