import * as assert from 'assert';
import {
  MAX_SEARCH_NAME, parseSavedSearchFile, serializeSavedSearchFile, uniqueName, type SavedSearch,
} from '../../../src/extension/savedSearches/savedSearchSchema';
import { folderChildren } from '../../../src/extension/tree/treeNodes';

const search = (name: string, folder?: string): SavedSearch => ({ name, connection: 'all', query: 'since:24h', ...(folder ? { folder } : {}) });

describe('extension: saved-search file', () => {
  it('reads an empty file as no searches', () => {
    assert.deepStrictEqual(parseSavedSearchFile('  \n'), { ok: true, file: { version: 1, searches: [] } });
  });

  it('round-trips a valid file', () => {
    const file = { version: 1 as const, searches: [search('Failures', 'Security'), { ...search('Mine'), columns: ['time' as const, 'actor' as const] }] };
    const parsed = parseSavedSearchFile(serializeSavedSearchFile(file));
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.file, file);
  });

  it('explains broken JSON and says the file will not be overwritten', () => {
    const parsed = parseSavedSearchFile('{ "version": 1, ');
    assert.ok(!parsed.ok);
    assert.match(parsed.message, /not valid JSON/);
    assert.match(parsed.message, /will not overwrite/);
  });

  it('points at the first invalid field', () => {
    const parsed = parseSavedSearchFile(JSON.stringify({ version: 1, searches: [search('a'), { name: 'b', query: 'x' }] }));
    assert.ok(!parsed.ok);
    assert.match(parsed.message, /^searches\.1\.connection/);
  });

  it('refuses unknown keys (a credential or host has no place here) and other versions', () => {
    const withToken = parseSavedSearchFile(JSON.stringify({ version: 1, searches: [{ ...search('a'), token: 'x' }] }));
    assert.ok(!withToken.ok);
    assert.match(withToken.message, /token/);
    assert.ok(!parseSavedSearchFile(JSON.stringify({ version: 2, searches: [] })).ok);
  });

  it('refuses the same name twice in one folder but allows it across folders', () => {
    assert.ok(!parseSavedSearchFile(JSON.stringify({ version: 1, searches: [search('a', 'x'), search('a', 'x')] })).ok);
    assert.ok(parseSavedSearchFile(JSON.stringify({ version: 1, searches: [search('a', 'x'), search('a', 'y')] })).ok);
  });

  it('finds unused names for copies', () => {
    const list = [search('A'), search('A (copy)')];
    assert.strictEqual(uniqueName('A', undefined, list), 'A (copy 2)');
    assert.strictEqual(uniqueName('A', 'Elsewhere', list), 'A');
  });

  it('groups searches into nested folders for the tree', () => {
    const list = [search('top'), search('one', 'Security'), search('two', 'Security/Logins'), search('three', 'Ops')];
    const roots = folderChildren('user', list, undefined);
    assert.deepStrictEqual(roots.map((n) => (n.kind === 'folder' ? `folder:${n.path}` : n.kind === 'search' ? n.name : n.kind)), ['folder:Ops', 'folder:Security', 'top']);
    const security = folderChildren('user', list, 'Security');
    assert.deepStrictEqual(security.map((n) => (n.kind === 'folder' ? `folder:${n.path}` : n.kind === 'search' ? n.name : n.kind)), ['folder:Security/Logins', 'one']);
  });

  it('reads a file that starts with a UTF-8 byte order mark, and writes without one', () => {
    const file = { version: 1 as const, searches: [search('Failures', 'Security')] };
    const parsed = parseSavedSearchFile(`\uFEFF${JSON.stringify(file)}`);
    assert.deepStrictEqual(parsed, { ok: true, file });
    assert.ok(!serializeSavedSearchFile(file).startsWith('\uFEFF'));
  });

  it('drops stray slashes from folders, so the tree can show the search', () => {
    const parsed = parseSavedSearchFile(JSON.stringify({ version: 1, searches: [search('a', '/Security'), search('b', 'Security/'), search('c', 'Security//Logins')] }));
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.file.searches.map((s) => s.folder), ['Security', 'Security', 'Security/Logins']);
    assert.deepStrictEqual(folderChildren('user', parsed.file.searches, 'Security').map((n) => (n.kind === 'folder' ? `folder:${n.path}` : n.kind === 'search' ? n.name : n.kind)), ['folder:Security/Logins', 'a', 'b']);
  });

  it('refuses, naming the entry, folders that become one another once slashes are dropped', () => {
    const twice = parseSavedSearchFile(JSON.stringify({ version: 1, searches: [search('a', 'Security'), search('a', '/Security/')] }));
    assert.ok(!twice.ok);
    assert.match(twice.message, /^searches\.1\.name: "a" appears twice/);
  });

  it('reads a folder of slashes only as no folder, so the search shows at the top level and the file stays readable', () => {
    const parsed = parseSavedSearchFile(JSON.stringify({ version: 1, searches: [search('a', '//'), search('b', ' / ')] }));
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.file.searches.map((s) => [s.name, 'folder' in s]), [['a', false], ['b', false]]);
  });

  it('shortens the name of a copy so it stays within the length limit', () => {
    const long = 'n'.repeat(MAX_SEARCH_NAME);
    const list = [search(long), search(`${'n'.repeat(MAX_SEARCH_NAME - 7)} (copy)`)];
    const copy = uniqueName(long, undefined, list);
    assert.strictEqual(copy, `${'n'.repeat(MAX_SEARCH_NAME - 9)} (copy 2)`);
    assert.ok(parseSavedSearchFile(JSON.stringify({ version: 1, searches: [...list, search(copy)] })).ok);
  });

  it('never cuts a copy\'s name inside a character outside the BMP', () => {
    const long = `${'n'.repeat(MAX_SEARCH_NAME - 8)}\u{1F600}${'n'.repeat(6)}`; // the emoji straddles the cut
    const copy = uniqueName(long, undefined, [search(long)]);
    assert.strictEqual(copy, `${'n'.repeat(MAX_SEARCH_NAME - 8)} (copy)`);
  });
});
