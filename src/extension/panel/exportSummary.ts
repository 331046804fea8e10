import type { RunStatus } from '../../shared/protocol';

/** What an export reports: "Exported N" only when the file holds what was asked for. */
export function exportSummary(saved: number, where: string, scope: 'loaded' | 'all', status: Pick<RunStatus, 'phase' | 'complete' | 'total'>): string {
  const count = `${saved.toLocaleString('en-US')} ${saved === 1 ? 'event' : 'events'}`;
  if (scope === 'all' && status.phase === 'cancelled') {
    const of = status.total !== null && status.total > saved ? ` of ${status.total.toLocaleString('en-US')}` : '';
    return `Export cancelled before every event was fetched: saved only the first ${count}${of} to ${where}.`;
  }
  if (scope === 'all' && !status.complete) {
    return `Saved only ${count} to ${where}: the search did not reach the end of its range (see the panel for errors or limits).`;
  }
  return `Exported ${count} to ${where}.`;
}
