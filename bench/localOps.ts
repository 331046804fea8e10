/**
 * Item 5: what runs over the loaded events on each keystroke, over 100,000 real normalized
 * events: the panel's own path (its index of the events, built as chunks arrive and timed
 * once for the note; field and text filters scanning every event; the next keystroke
 * narrowing the last result; facet counts), budgeted. The engine's `matchesFilters` is
 * reported too, without a budget: the engine runs it once per fetched event for the
 * filters a vendor cannot apply, never per keystroke.
 */
import type { AuditEvent, AuditFilters } from '../src/core/model';
import { activeFilters, matchesFilters } from '../src/core/search/filters';
import { FACET_FIELDS } from '../src/shared/viewState';
import { EventIndex } from '../src/webview/model/eventIndex';
import { computeFacets } from '../src/webview/model/facets';
import { RowFilter } from '../src/webview/model/filters';
import type { Figure } from './lib/figures';
import { median, repeat } from './lib/stats';

const REPEATS = 7;
const BUDGET_MS = 30;

function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function filterAll(events: readonly AuditEvent[], filters: AuditFilters): number {
  const keys = activeFilters(filters);
  let kept = 0;
  for (const event of events) if (matchesFilters(event, filters, keys)) kept++;
  return kept;
}

export async function benchLocalOps(events: readonly AuditEvent[]): Promise<Figure[]> {
  const figure = (name: string, samples: number[], note: string): Figure => ({
    section: '5 local ops', name, value: median(samples), unit: ' ms', budget: { max: BUDGET_MS }, samples, note,
  });
  /** The engine's local filter: once per fetched event, so reported without the keystroke budget. */
  const engineFigure = (name: string, samples: number[], note: string): Figure => ({
    section: '5 local ops', name, value: median(samples), unit: ' ms', samples, note: `engine, once per fetched event; ${note}`,
  });
  const size = `${Math.round(events.length / 1000)}k`;
  const actor = events.find((e) => e.actor.name !== null)?.actor.name ?? 'bob';
  const fields: AuditFilters = { status: 'success', actor };
  let kept = 0;
  const fieldSamples = await repeat(REPEATS, async () => time(() => { kept = filterAll(events, fields); }));
  const figures = [engineFigure(`matchesFilters status+actor, ${size}`, fieldSamples, `${kept} kept`)];

  // Free text builds each event's lower-cased text once (a WeakMap): fresh objects make every run cold.
  const text: AuditFilters = { text: 'smith' };
  const coldSamples = await repeat(3, async () => {
    const fresh = events.map((e) => ({ ...e }));
    return time(() => { kept = filterAll(fresh, text); });
  });
  figures.push(engineFigure(`matchesFilters text, first pass, ${size}`, coldSamples, `${kept} kept; builds the per-event text`));
  filterAll(events, text);
  const warmSamples = await repeat(REPEATS, async () => time(() => { kept = filterAll(events, { text: 'smit' }); }));
  figures.push(engineFigure(`matchesFilters text, again, ${size}`, warmSamples, `${kept} kept`));

  let index = new EventIndex();
  const indexMs = time(() => { index = EventIndex.of(events); });
  const all = events.map((_, at) => at);
  // A new RowFilter per sample: each one scans all events, as the first keystroke does.
  const scan = (filters: Parameters<RowFilter['run']>[2], text: string) => repeat(REPEATS, async () => time(() => {
    kept = new RowFilter().run(index, all, filters, text).length;
  }));
  const panelFields = await scan([{ field: 'status', value: 'success', exclude: false }, { field: 'actor', value: actor, exclude: false }], '');
  figures.push(figure(`panel field filter status+actor, ${size}`, panelFields, `${kept} kept; src/webview/model/filters.ts`));
  const panelText = await scan([], 'smith');
  figures.push(figure(`panel text filter, every event, ${size}`, panelText, `${kept} kept; index built once as events arrive: ${indexMs.toFixed(0)} ms for ${size}`));
  const narrowSamples = await repeat(REPEATS, async () => {
    const rows = new RowFilter();
    rows.run(index, all, [], 'smit');
    return time(() => { kept = rows.run(index, all, [], 'smith').length; });
  });
  figures.push(figure(`panel text filter, next keystroke, ${size}`, narrowSamples, `${kept} kept; "smit" then "smith" scans the last matches`));

  let distinct = 0;
  const facetSamples = await repeat(REPEATS, async () => time(() => {
    distinct = computeFacets(index, all, FACET_FIELDS, 5).reduce((sum, f) => sum + f.distinct, 0);
  }));
  figures.push(figure(`facets, ${FACET_FIELDS.length} fields, ${size}`, facetSamples, `${distinct} distinct values; src/webview/model/facets.ts`));
  return figures;
}
