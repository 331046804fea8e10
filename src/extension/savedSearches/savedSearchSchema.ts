import * as z from 'zod/mini';
import { COLUMN_IDS } from '../../shared/columns';
import '../../core/validationMessages';

/** Where each workspace folder keeps its shared saved searches. */
export const WORKSPACE_FILE = '.vscode/audit-lens.json';

/** "all" or a connection id/label. Saved searches name a connection, never a host or credential. */
export const ALL_CONNECTIONS = 'all';

/** The longest name, and the longest folder path, a saved search may have. */
export const MAX_SEARCH_NAME = 200;

/**
 * "/Security//Logins/" → "Security/Logins": the tree splits on `/`, so an empty segment would
 * hide the search. Two searches this makes equal are refused as duplicates, so nothing is lost.
 */
function normalizeFolder(folder: string): string {
  return folder.split('/').filter((segment) => segment !== '').join('/');
}

// The descriptions are shown when the file is edited in VS Code (the JSON Schema made from this one).
const savedSearchFields = z.strictObject({
  // `\S` rather than a length after trimming: the JSON Schema made from this one cannot trim.
  name: z.string().check(z.trim(), z.regex(/\S/, 'a saved search needs a name'), z.maxLength(MAX_SEARCH_NAME),
    z.describe('The name shown in the Audit Lens view; unique within its folder.')),
  folder: z.optional(z.string().check(z.trim(), z.overwrite(normalizeFolder), z.maxLength(MAX_SEARCH_NAME),
    z.describe('The folder in the Audit Lens view, "/" between levels (e.g. "Security/Logins"); stray slashes are ignored.'))),
  connection: z.string().check(z.trim(), z.regex(/\S/, 'name a connection id or "all"'),
    z.describe('The connection to search, by id or label, or "all" for every connection. Never a host or a credential.')),
  query: z.string().check(z.describe('A quick-search query, e.g. "actor:bob@example.com status:failure since:24h". Keys: actor, action, resource, status, trace, since, from, to; other words are free text.')),
  columns: z.optional(z.array(z.enum(COLUMN_IDS)).check(z.minLength(1),
    z.describe('The columns the results panel starts with, in order; the panel\'s own choice when left out.'))),
  demo: z.optional(z.literal(true).check(z.describe('Set by "Try the Demo", which replaces only these searches when it runs again.'))),
});
type SavedSearchFields = z.output<typeof savedSearchFields>;

/** A folder of slashes only ("/") names no folder: the search is shown at the top level. */
export const savedSearchSchema = z.pipe(savedSearchFields, z.transform(({ folder, ...search }): SavedSearchFields => (folder ? { ...search, folder } : search)));
export type SavedSearch = z.infer<typeof savedSearchSchema>;

/** `.vscode/audit-lens.json` (and the user store, which shares the shape). */
export const savedSearchFileSchema = z.strictObject({
  $schema: z.optional(z.string()),
  version: z.literal(1).check(z.describe('The version of this file\'s format: 1.')),
  searches: z.array(savedSearchSchema).check(z.describe('Saved searches shared through this folder, shown under Workspace Searches in the Audit Lens view.')),
}).check(z.superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.searches.forEach((search, index) => {
    const key = searchKey(search);
    if (seen.has(key)) {
      ctx.addIssue({ code: 'custom', path: ['searches', index, 'name'], message: `"${search.name}" appears twice in the same folder` });
    }
    seen.add(key);
  });
}));
export type SavedSearchFile = z.infer<typeof savedSearchFileSchema>;

/** Identifies a search within one store: folder + name. */
export function searchKey(search: Pick<SavedSearch, 'name' | 'folder'>): string {
  return `${search.folder ?? ''}\u0000${search.name}`;
}

export type ParseResult = { ok: true; file: SavedSearchFile } | { ok: false; message: string };

/** Parses the file text; the message points at the first problem so the user can fix it. */
export function parseSavedSearchFile(text: string): ParseResult {
  if (text.trim() === '') return { ok: true, file: { version: 1, searches: [] } };
  let json: unknown;
  try {
    // Some editors on Windows save a byte order mark; JSON.parse refuses it.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, message: `not valid JSON (${(error as Error).message}). Fix the file; Audit Lens will not overwrite it.` };
  }
  const result = savedSearchFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'file';
    return { ok: false, message: `${where}: ${issue?.message ?? 'invalid'}. Fix the file; Audit Lens will not overwrite it.` };
  }
  return { ok: true, file: result.data };
}

export function serializeSavedSearchFile(file: SavedSearchFile): string {
  return `${JSON.stringify(savedSearchFileSchema.parse(file), null, 2)}\n`;
}

/** A name not yet used in the folder: "Name (copy)", "Name (copy 2)", …, the name shortened so it fits. */
export function uniqueName(name: string, folder: string | undefined, searches: readonly SavedSearch[]): string {
  const taken = new Set(searches.filter((s) => s.folder === folder).map((s) => s.name));
  if (!taken.has(name)) return name;
  const copy = (suffix: string) => `${shorten(name, MAX_SEARCH_NAME - suffix.length)}${suffix}`;
  let candidate = copy(' (copy)');
  for (let n = 2; taken.has(candidate); n++) candidate = copy(` (copy ${n})`);
  return candidate;
}

/** The first `max` UTF-16 units of `text`, never ending in half of a surrogate pair. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
