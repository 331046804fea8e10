import type { SavedSearch } from '../savedSearches/savedSearchSchema';

export const DEMO_FOLDER = 'Demo';

/** The demo's saved searches (user storage), including a trace id every vendor saw. */
export function demoSearches(sharedTraceId: string | undefined): SavedSearch[] {
  const searches: SavedSearch[] = [
    { name: 'Failures this week, all vendors', folder: DEMO_FOLDER, connection: 'all', query: 'status:failure since:7d' },
    { name: 'Bob\'s Perfecto changes', folder: DEMO_FOLDER, connection: 'demo-perfecto', query: 'actor:bob.smith@example.com since:30d' },
    { name: 'Descope, last 24 hours', folder: DEMO_FOLDER, connection: 'demo-descope', query: 'since:24h' },
    { name: 'Zluri, last 7 days', folder: DEMO_FOLDER, connection: 'demo-zluri', query: 'since:7d' },
  ];
  if (sharedTraceId) {
    searches.push({ name: 'One trace across vendors', folder: DEMO_FOLDER, connection: 'all', query: `trace:${sharedTraceId} since:30d` });
  }
  return searches;
}
