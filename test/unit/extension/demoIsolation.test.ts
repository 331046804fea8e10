// The demo's connection ids and saved searches never take over the user's.
import * as assert from 'assert';
import { VENDORS } from '../../../src/core/model';
import { connectionIdFor, parseConnectionDefinitions } from '../../../src/extension/connections/connectionSchema';
import { demoConnectionId, isDemoConnectionId } from '../../../src/extension/demo/demoIds';
import { DEMO_FOLDER, demoSearches, withDemoSearches } from '../../../src/extension/demo/demoSearches';
import { parseSavedSearchFile, serializeSavedSearchFile, type SavedSearch } from '../../../src/extension/savedSearches/savedSearchSchema';

const demoIds = new Set(VENDORS.map(demoConnectionId));

describe('extension: demo connection ids are reserved', () => {
  it('never derives a demo id for a new connection, whatever its label', () => {
    for (const label of ['Demo Zluri', 'demo-perfecto', 'DEMO  Descope!', 'Demo', 'demo']) {
      const id = connectionIdFor(label, new Set(['demo']));
      assert.ok(!isDemoConnectionId(id), `"${label}" became ${id}`);
      assert.match(id, /^[a-z0-9][a-z0-9-]{0,62}$/);
    }
    assert.strictEqual(connectionIdFor('Demo Zluri', new Set()), 'my-demo-zluri');
    assert.strictEqual(connectionIdFor('Demo Zluri', new Set(['my-demo-zluri'])), 'my-demo-zluri-2');
    assert.strictEqual(connectionIdFor('Demonstration', new Set()), 'demonstration');
  });

  it('sets aside a stored connection whose id the running demo uses, and says how to fix it', () => {
    const stored = [
      { id: 'demo-zluri', label: 'Demo Zluri', vendor: 'zluri', baseUrl: 'https://api-ext.zluri.com' },
      { id: 'acme', label: 'Acme', vendor: 'zluri', baseUrl: 'https://api-ext.zluri.com' },
    ];
    const withDemo = parseConnectionDefinitions(stored, demoIds);
    assert.deepStrictEqual(withDemo.connections.map((c) => c.id), ['acme']);
    assert.strictEqual(withDemo.problems.length, 1);
    assert.match(withDemo.problems[0]?.message ?? '', /Connection 1: the id "demo-zluri" belongs to the demo.*Give it another id/);
    const withoutDemo = parseConnectionDefinitions(stored, new Set());
    assert.deepStrictEqual(withoutDemo.connections.map((c) => c.id), ['demo-zluri', 'acme'], 'with the demo off it works as before');
    assert.deepStrictEqual(withoutDemo.problems, []);
  });
});

describe('extension: the demo\'s saved searches', () => {
  const own: SavedSearch = { name: 'My failures', folder: DEMO_FOLDER, connection: 'acme', query: 'status:failure' };

  it('marks every search it creates and the mark survives the user store\'s file format', () => {
    const searches = demoSearches('trace-1');
    assert.ok(searches.length >= 5 && searches.every((s) => s.demo === true && s.folder === DEMO_FOLDER));
    const parsed = parseSavedSearchFile(serializeSavedSearchFile({ version: 1, searches }));
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.file.searches, searches);
  });

  it('replaces only its own searches: the user\'s searches in the Demo folder stay', () => {
    const other: SavedSearch = { name: 'Logins', connection: 'all', query: 'action:login' };
    const first = withDemoSearches([own, other], demoSearches('trace-1'));
    const again = withDemoSearches(first, demoSearches('trace-2'));
    assert.deepStrictEqual(again.filter((s) => !s.demo), [own, other]);
    assert.deepStrictEqual(again.filter((s) => s.demo), demoSearches('trace-2'));
  });

  it('keeps a user search that has a demo search\'s name, and skips that demo search', () => {
    const mine: SavedSearch = { name: 'Zluri, last 7 days', folder: DEMO_FOLDER, connection: 'acme', query: 'since:7d' };
    const result = withDemoSearches([mine], demoSearches(undefined));
    assert.deepStrictEqual(result.filter((s) => s.name === mine.name), [mine]);
    assert.ok(parseSavedSearchFile(serializeSavedSearchFile({ version: 1, searches: result })).ok, 'no name appears twice');
  });

  it('recognises the unmarked searches an earlier version of the demo wrote', () => {
    const legacy = demoSearches('old-trace').map(({ demo: _demo, ...search }) => search);
    const result = withDemoSearches([own, ...legacy], demoSearches('new-trace'));
    assert.deepStrictEqual(result, [own, ...demoSearches('new-trace')]);
  });
});
