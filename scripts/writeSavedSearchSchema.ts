// Writes schemas/audit-lens.schema.json from the saved-search zod schema: `npm run schema`
// after changing src/extension/savedSearches/savedSearchSchema.ts (a unit test says when).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { savedSearchJsonSchemaText } from '../src/extension/savedSearches/savedSearchJsonSchema';

const target = join(__dirname, '..', 'schemas', 'audit-lens.schema.json');
writeFileSync(target, savedSearchJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
