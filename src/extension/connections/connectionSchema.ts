import * as z from 'zod/mini';
import { VENDORS, type Connection } from '../../core/model';
import '../../core/validationMessages';

export const CONNECTION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** One connection as stored in the user setting `auditLens.connections`. */
export const connectionDefinitionSchema = z.strictObject({
  id: z.string().check(z.regex(CONNECTION_ID, 'use lowercase letters, digits and dashes')),
  label: z.string().check(z.trim(), z.minLength(1)),
  vendor: z.enum(VENDORS),
  baseUrl: z.string().check(z.regex(/^https?:\/\//, 'must start with https://')),
  accountId: z.optional(z.string().check(z.trim(), z.minLength(1))),
});

export interface ConnectionProblem {
  index: number;
  message: string;
}

/** Validates the setting entry by entry: good entries are kept, bad ones reported (never silently dropped). */
export function parseConnectionDefinitions(value: unknown): { connections: Connection[]; problems: ConnectionProblem[] } {
  if (value === undefined || value === null) return { connections: [], problems: [] };
  if (!Array.isArray(value)) {
    return { connections: [], problems: [{ index: -1, message: 'auditLens.connections must be a list of connections.' }] };
  }
  const connections: Connection[] = [];
  const problems: ConnectionProblem[] = [];
  const seen = new Set<string>();
  value.forEach((entry, index) => {
    const result = connectionDefinitionSchema.safeParse(entry);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      problems.push({ index, message: `Connection ${index + 1}: ${where}${issue?.message ?? 'invalid'}` });
      return;
    }
    if (seen.has(result.data.id)) {
      problems.push({ index, message: `Connection ${index + 1}: the id "${result.data.id}" is used twice.` });
      return;
    }
    seen.add(result.data.id);
    connections.push(result.data);
  });
  return { connections, problems };
}

/** A connection id derived from a label, unique among `taken`. */
export function connectionIdFor(label: string, taken: ReadonlySet<string>): string {
  const base = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'connection';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
