import { searchKey, type SavedSearch } from '../savedSearches/savedSearchSchema';
import { demoConnectionId } from './demoIds';

export const DEMO_FOLDER = 'Demo';

/** The demo's saved searches (user storage), including a trace id every vendor saw. Marked `demo`. */
export function demoSearches(sharedTraceId: string | undefined): SavedSearch[] {
  const searches: Omit<SavedSearch, 'folder' | 'demo'>[] = [
    { name: 'Failures this week, all vendors', connection: 'all', query: 'status:failure since:7d' },
    { name: 'Bob\'s Perfecto changes', connection: demoConnectionId('perfecto'), query: 'actor:bob.smith@example.com since:30d' },
    { name: 'Descope, last 24 hours', connection: demoConnectionId('descope'), query: 'since:24h' },
    { name: 'Zluri, last 7 days', connection: demoConnectionId('zluri'), query: 'since:7d' },
  ];
  if (sharedTraceId) {
    searches.push({ name: 'One trace across vendors', connection: 'all', query: `trace:${sharedTraceId} since:30d` });
  }
  return searches.map((search) => ({ ...search, folder: DEMO_FOLDER, demo: true }));
}

/**
 * The user's searches with the demo's replaced by `demo`: the user's own searches stay,
 * even in the Demo folder, and a demo search never takes the name of one of them.
 */
export function withDemoSearches(list: readonly SavedSearch[], demo: readonly SavedSearch[]): SavedSearch[] {
  const own = list.filter((search) => !createdByDemo(search, demo));
  const taken = new Set(own.map(searchKey));
  return [...own, ...demo.filter((search) => !taken.has(searchKey(search)))];
}

/** Marked, or written unmarked by an earlier version: a demo search's name, connection and query (any trace id). */
function createdByDemo(search: SavedSearch, demo: readonly SavedSearch[]): boolean {
  if (search.demo) return true;
  const shape = (query: string) => query.replace(/^trace:\S+/, 'trace:');
  return search.columns === undefined && demo.some((d) =>
    searchKey(d) === searchKey(search) && d.connection === search.connection && shape(d.query) === shape(search.query));
}
