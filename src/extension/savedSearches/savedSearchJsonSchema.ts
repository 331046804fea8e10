import * as z from 'zod/mini';
import { savedSearchFileSchema } from './savedSearchSchema';

/** What completion inserts for a new entry of `searches`. */
const NEW_SEARCH_SNIPPET = {
  label: 'New saved search',
  body: { name: '$1', connection: '${2:all}', query: '${3:since:24h}' },
};

/**
 * The JSON Schema VS Code checks `.vscode/audit-lens.json` against while it is edited
 * (package.json `jsonValidation`), made from the zod schema Audit Lens reads the file with,
 * so the two cannot disagree on a field. It is written to `schemas/` by `npm run schema`.
 */
export function savedSearchJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(savedSearchFileSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  const searches = (schema.properties as Record<string, { items: Record<string, unknown> }>).searches;
  // VS Code's JSON editor offers these when a new array entry is started.
  searches.items.defaultSnippets = [NEW_SEARCH_SNIPPET];
  return { ...schema, title: 'Audit Lens saved searches (.vscode/audit-lens.json)' };
}

/** The schema as `schemas/audit-lens.schema.json` holds it. */
export function savedSearchJsonSchemaText(): string {
  return `${JSON.stringify(savedSearchJsonSchema(), null, 2)}\n`;
}
