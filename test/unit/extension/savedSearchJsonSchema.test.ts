// The JSON Schema VS Code validates .vscode/audit-lens.json with: committed, contributed, and
// made from the zod schema the extension reads the file with.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { savedSearchJsonSchema, savedSearchJsonSchemaText } from '../../../src/extension/savedSearches/savedSearchJsonSchema';
import { WORKSPACE_FILE } from '../../../src/extension/savedSearches/savedSearchSchema';
import { COLUMN_IDS } from '../../../src/shared/columns';

const root = path.join(__dirname, '../../..');

describe('the saved-search JSON Schema', () => {
  it('is committed as generated from the zod schema (after a change: npm run schema)', () => {
    const committed = fs.readFileSync(path.join(root, 'schemas', 'audit-lens.schema.json'), 'utf8');
    assert.strictEqual(committed, savedSearchJsonSchemaText(), 'schemas/audit-lens.schema.json is out of date: run npm run schema');
  });

  it('is contributed for every folder\'s .vscode/audit-lens.json and packaged', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> } };
    assert.deepStrictEqual(pkg.contributes.jsonValidation, [{ fileMatch: `/${WORKSPACE_FILE}`, url: './schemas/audit-lens.schema.json' }]);
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!schemas/*.json'), 'the .vsix carries the schema');
  });

  it('describes every field a search may have, with the columns the panel knows and a snippet for a new one', () => {
    const schema = savedSearchJsonSchema() as {
      required: string[];
      properties: { searches: { items: { properties: Record<string, { description?: string; pattern?: string; items?: { enum: string[] } }>; required: string[]; additionalProperties: boolean; defaultSnippets: Array<{ body: Record<string, string> }> } } };
    };
    assert.deepStrictEqual(schema.required, ['version', 'searches']);
    const item = schema.properties.searches.items;
    assert.deepStrictEqual(Object.keys(item.properties), ['name', 'folder', 'connection', 'query', 'columns', 'demo']);
    assert.deepStrictEqual(item.required, ['name', 'connection', 'query']);
    assert.strictEqual(item.additionalProperties, false, 'a misspelt key is flagged, as the extension refuses it');
    for (const [key, field] of Object.entries(item.properties)) assert.ok(field.description, `${key} has a description`);
    assert.deepStrictEqual(item.properties.columns?.items?.enum, [...COLUMN_IDS]);
    // The extension trims before it checks: the editor must refuse a name of spaces as it does.
    assert.strictEqual(item.properties.name?.pattern, '\\S');
    assert.strictEqual(item.properties.connection?.pattern, '\\S');
    assert.deepStrictEqual(Object.keys(item.defaultSnippets[0]?.body ?? {}), item.required);
  });
});
