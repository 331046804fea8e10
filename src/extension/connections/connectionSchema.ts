import * as z from 'zod/mini';
import { VENDORS, type Connection } from '../../core/model';
import '../../core/validationMessages';
import { isDemoConnectionId } from '../demo/demoIds';

const CONNECTION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A connection's name is shown in the tree, the panel and its exports: a name, not a document. */
const MAX_LABEL = 200;

/** What is wrong with a label typed for a connection, if anything (the wizard's input boxes). */
export function labelProblem(label: string): string | undefined {
  if (!label.trim()) return 'Give the connection a name.';
  return label.trim().length > MAX_LABEL ? `Keep the name to ${MAX_LABEL} characters.` : undefined;
}

/** One connection as stored in the user setting `auditLens.connections`. */
const connectionDefinitionSchema = z.strictObject({
  id: z.string().check(z.regex(CONNECTION_ID, 'use lowercase letters, digits and dashes')),
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_LABEL)),
  vendor: z.enum(VENDORS),
  // Any case of the scheme, as `new URL` does. Text that does not parse is refused here, not
  // shown as a connection: it would be displayed as typed, a password in it included.
  baseUrl: z.string().check(
    z.regex(/^https?:\/\//i, 'must start with https://'),
    z.refine((value) => URL.canParse(value), 'is not a URL: use the vendor\'s https:// address, e.g. https://acme.app.perfectomobile.com'),
  ),
  accountId: z.optional(z.string().check(z.trim(), z.minLength(1))),
});

export interface ConnectionProblem {
  index: number;
  message: string;
}

/**
 * Validates the setting entry by entry: good entries are kept, bad ones reported (never silently dropped).
 * `reserved` holds ids the demo uses while it is on: a user entry with one of them is set aside
 * (and reported) so tree ids stay unique and the demo's saved searches reach the demo.
 */
export function parseConnectionDefinitions(
  value: unknown,
  reserved: ReadonlySet<string> = new Set(),
): { connections: Connection[]; problems: ConnectionProblem[] } {
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
    if (reserved.has(result.data.id)) {
      problems.push({
        index,
        message: `Connection ${index + 1}: the id "${result.data.id}" belongs to the demo, so "${result.data.label}" is hidden while the demo runs. Give it another id in settings (then set its credential again), or remove the demo connections to stop the demo.`,
      });
      return;
    }
    connections.push(result.data);
  });
  return { connections, problems };
}

/** Where the entry shown for `id` sits in the stored list: the first valid one with that id, else -1. */
export function shownEntryIndex(value: readonly unknown[], id: string): number {
  return value.findIndex((entry) => {
    const result = connectionDefinitionSchema.safeParse(entry);
    return result.success && result.data.id === id;
  });
}

/** Every id the stored list uses, valid entries or not: a new connection must take none of them. */
export function storedIds(value: readonly unknown[]): string[] {
  return value.flatMap((entry) => {
    const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? [id] : [];
  });
}

/** A connection id derived from a label, unique among `taken`, never one the demo could use. */
export function connectionIdFor(label: string, taken: ReadonlySet<string>): string {
  let base = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'connection';
  // "Demo Zluri" would become demo-zluri, and "demo" counts on to demo-2: both the demo's prefix.
  if (base === 'demo' || isDemoConnectionId(base)) base = `my-${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
