/** The results panel: wires host messages, persisted view state and the parts of the layout. */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ConnectionInfo, HostMessage, PanelSearchMessage, RunStatus } from '../../shared/protocol';
import type { ColumnId, FacetField, ViewState } from '../../shared/viewState';
import { FACET_FIELDS, FILTER_TEXT_MAX } from '../../shared/viewState';
import type { Facet } from '../model/facets';
import { computeFacets } from '../model/facets';
import { addFilter, removeFilter, RowFilter } from '../model/filters';
import type { Positions } from '../model/filters';
import type { Bin } from '../model/histogram';
import { chartRange, computeBins } from '../model/histogram';
import { Results } from '../model/results';
import { sortPositions } from '../model/sort';
import { withWidth } from '../model/columnWidths';
import { sharesVendor, startingColumns } from '../model/connectionColumn';
import { isNewPanel, loadState, newRequestId, onHostMessage, post, saveState } from '../host';
import { DetailPane } from './DetailPane';
import { Icon } from './icons';
import { useMediaQuery } from './useMediaQuery';
import type { QueryError } from './Header';
import { QueryBar, SearchInfo, StatusLine } from './Header';
import { Histogram } from './Histogram';
import { FilterChips, Sidebar } from './Sidebar';
import { Table } from './Table';
import { ColumnPicker, ExportMenu } from './Toolbar';

interface RunInfo {
  runId: number;
  search: PanelSearchMessage['search'];
  title: string;
  connections: ConnectionInfo[];
  range: { from: string; to: string };
}

/** Re-deriving 100,000 rows per chunk would stall; chunks are coalesced to a few renders a second. */
const RENDER_COALESCE_MS = 150;
const PAGE_ROWS = 20;

/** What the sidebar and the timeline show: computed after the rows are painted, not before. */
interface Summary {
  facets: Facet[];
  shown: number;
  timeRange: { from: number; to: number } | null;
  bins: Bin[];
}

const NO_SUMMARY: Summary = { facets: [], shown: 0, timeRange: null, bins: [] };

/** The sidebar counts connections only when two share a vendor: otherwise the Vendor facet already says the same. */
function facetFields(run: RunInfo | null): FacetField[] {
  return FACET_FIELDS.filter((field) => field !== 'connection' || (run !== null && sharesVendor(run.connections)));
}

function summarize(results: Results, rows: Positions, run: RunInfo | null): Summary {
  const timeRange = chartRange(run?.range ?? null, results.index, rows);
  return {
    facets: computeFacets(results.index, rows, facetFields(run), 5),
    shown: rows.length,
    timeRange,
    bins: timeRange ? computeBins(results.index, rows, timeRange.from, timeRange.to, 80) : [],
  };
}

/** Below this width the table needs the sidebar's 220 px more than the facets do. */
const NARROW_PANEL_PX = 760;

export function App() {
  const results = useMemo(() => new Results(), []);
  const [view, setView] = useState<ViewState>(loadState);
  const [run, setRun] = useState<RunInfo | null>(null);
  const [status, setStatus] = useState<RunStatus | null>(null);
  const [queryError, setQueryError] = useState<QueryError | null>(null);
  const [version, setVersion] = useState(0);
  const text = view.filterText ?? '';
  const [toast, setToast] = useState('');
  /** A failed request: shown apart from `toast`, as an alert, until dismissed. */
  const [failure, setFailure] = useState('');
  const scrollTop = useRef(view.scrollTop);
  /** A new panel takes its first search's columns; a restored one keeps the user's. */
  const takeSearchColumns = useRef(isNewPanel());
  const grid = useRef<HTMLDivElement | null>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const scrollTo = useRef<((index: number) => void) | null>(null);

  useEffect(() => {
    let timer: number | undefined;
    const refresh = () => {
      timer ??= window.setTimeout(() => { timer = undefined; setVersion(results.version); }, RENDER_COALESCE_MS);
    };
    const off = onHostMessage((message: HostMessage) => {
      switch (message.type) {
        case 'search':
          if (takeSearchColumns.current) {
            const given = message.search.columns;
            const { connections } = message;
            setView((current) => ({ ...current, columns: startingColumns(given?.length ? given : current.columns, connections) }));
          }
          takeSearchColumns.current = false;
          results.reset(message.runId, message.connections);
          setRun(message);
          setStatus(null);
          setQueryError(null);
          setVersion(results.version);
          break;
        case 'events':
          if (message.runId === results.runId) { results.add(message.connectionId, message.events); refresh(); }
          break;
        case 'revised':
          if (message.runId === results.runId) { results.revise(message.connectionId, message.events); refresh(); }
          break;
        case 'status':
          if (message.runId === results.runId) setStatus(message.status);
          break;
        case 'queryError':
          setQueryError(message);
          break;
        case 'reply':
          if (message.ok) setToast(message.message);
          else setFailure(message.message);
          break;
      }
    });
    post({ type: 'ready' });
    return () => { off(); window.clearTimeout(timer); };
  }, []);

  const persist = useCallback(() => {
    saveState({ ...view, search: run?.search ?? view.search, scrollTop: scrollTop.current });
  }, [view, run]);
  useEffect(persist, [persist]);
  // The scroll timer saves with the view as it is when it fires: a change made meanwhile must not be saved over.
  const persistLatest = useRef(persist);
  persistLatest.current = persist;
  const persistTimer = useRef<number | undefined>(undefined);
  const onScroll = (top: number) => {
    scrollTop.current = top;
    window.clearTimeout(persistTimer.current);
    persistTimer.current = window.setTimeout(() => persistLatest.current(), 300);
  };

  const rowFilter = useMemo(() => new RowFilter(), []);
  const order = useMemo(() => sortPositions(results.index, view.sort.column, view.sort.descending), [version, view.sort]);
  const positions = useMemo(() => rowFilter.run(results.index, order, view.filters, text), [order, view.filters, text]);
  const rows = useMemo(() => positions.map((at) => results.events[at]), [positions]);
  const [summary, setSummary] = useState<Summary>(NO_SUMMARY);
  useEffect(() => {
    // A task after the paint, dropped when the next keystroke comes first: typing repaints rows only.
    const timer = window.setTimeout(() => setSummary(summarize(results, positions, run)), 0);
    return () => window.clearTimeout(timer);
  }, [positions, run]);
  const selectedIndex = useMemo(() => {
    const at = view.selectedKey === null ? undefined : results.position(view.selectedKey);
    return at === undefined ? -1 : positions.indexOf(at);
  }, [positions, view.selectedKey]);
  const selected = view.selectedKey === null ? undefined : results.get(view.selectedKey);
  // A loaded selection the filters hide is let go, details and all: nothing acts on a row not shown.
  // One not loaded yet, as in a restored panel before the replay, is kept.
  const selectionHidden = useMemo(() => {
    const at = view.selectedKey === null ? undefined : results.position(view.selectedKey);
    // Judged on the rows painted: an event that arrived since (rows render coalesced) is not among them yet.
    return at !== undefined && at < order.length && selectedIndex === -1;
  }, [order, selectedIndex, view.selectedKey]);
  useEffect(() => {
    if (!selectionHidden) return;
    if (document.activeElement?.closest('aside.detail')) grid.current?.focus();
    setView((v) => ({ ...v, selectedKey: null, detailOpen: false }));
  }, [selectionHidden]);
  // After a sort (not a streamed page, not a restore) the selected row is brought into view.
  const sortShown = useRef(view.sort);
  useLayoutEffect(() => {
    if (sortShown.current === view.sort) return;
    sortShown.current = view.sort;
    scrollTo.current?.(selectedIndex);
  }, [view.sort, selectedIndex]);

  const update = (patch: Partial<ViewState>) => setView((v) => ({ ...v, ...patch }));
  // Stable, so the grid's header renders again only when its columns, widths or sort change.
  const sortBy = useCallback((column: ColumnId) => setView((v) => ({
    ...v, sort: { column, descending: v.sort.column === column ? !v.sort.descending : column === 'time' },
  })), []);
  const resize = useCallback((column: ColumnId, px: number | undefined) => setView((v) => ({ ...v, widths: withWidth(v.widths, column, px) })), []);
  // Until the user chooses, the field sidebar gives way to the table on narrow panels.
  const narrow = useMediaQuery(`(max-width: ${NARROW_PANEL_PX}px)`);
  const fieldsShown = view.fieldsHidden === undefined ? !narrow : !view.fieldsHidden;
  const select = (index: number, open?: boolean) => {
    const at = positions[index];
    if (at === undefined) return;
    update({ selectedKey: results.keyAt(at), ...(open === undefined ? {} : { detailOpen: open || view.detailOpen }) });
    scrollTo.current?.(index);
  };
  const filter = (field: FacetField, value: string, exclude: boolean) =>
    setView((v) => ({ ...v, filters: addFilter(v.filters, { field, value, exclude }) }));
  /** What a facet value or filter reads as: connections by name, every other field by its value. */
  const valueName = (field: FacetField, value: string) => (field === 'connection' ? results.nameOf(value) : value);
  const request = (build: (requestId: number) => Parameters<typeof post>[0]) => post(build(newRequestId()));
  const closeDetail = () => { update({ detailOpen: false }); grid.current?.focus(); };
  /** Set by `d`: the Changes heading takes focus in the commit that shows it, not a frame later. */
  const focusChanges = useRef(false);
  const showChanges = () => {
    focusChanges.current = true;
    update({ detailOpen: true });
  };
  useLayoutEffect(() => {
    const heading = focusChanges.current ? document.getElementById('detail-changes') : null;
    if (!heading) return;
    focusChanges.current = false;
    heading.focus({ preventScroll: true });
    // Scrolled to the top of the pane, not just into view: the diff below the heading must show.
    heading.scrollIntoView({ block: 'start' });
  });

  const onGridKey = (e: KeyboardEvent) => {
    // Keys on a header button (or any control inside the grid) are that control's, not the grid's.
    if (e.target !== e.currentTarget) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const last = rows.length - 1;
    const at = selectedIndex;
    // Letters by key, not case: with Caps Lock on, `t` arrives as 'T' without Shift.
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const moves: Record<string, () => number> = {
      ArrowDown: () => Math.min(last, at + 1), j: () => Math.min(last, at + 1),
      ArrowUp: () => Math.max(0, at - 1), k: () => Math.max(0, at - 1),
      PageDown: () => Math.min(last, at + PAGE_ROWS), PageUp: () => Math.max(0, at - PAGE_ROWS),
      Home: () => 0, End: () => last,
    };
    const move = moves[key];
    if (move) { e.preventDefault(); select(move()); return; }
    if (!selected) return;
    if (key === 'Enter') { e.preventDefault(); update({ detailOpen: true }); }
    else if (key === 'd') { e.preventDefault(); showChanges(); }
    else if (key === 't') {
      e.preventDefault();
      if (!selected.traceId) setToast('This event has no trace id.');
      else if (e.shiftKey) post({ type: 'searchTraceId', traceId: selected.traceId });
      else filter('traceId', selected.traceId, false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA';
      if (e.key === '/' && !typing) { e.preventDefault(); filterInput.current?.focus(); }
      else if (e.key === 'Escape' && view.detailOpen && !typing) { e.preventDefault(); closeDetail(); }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [view.detailOpen]);

  useEffect(() => { if (toast) { const t = window.setTimeout(() => setToast(''), 4000); return () => window.clearTimeout(t); } return undefined; }, [toast]);
  const dismissFailure = () => { setFailure(''); grid.current?.focus(); };

  const selectedKeyOf = selected ? (view.selectedKey as string) : '';
  return (
    <div class="app">
      <header class="header">
        <QueryBar query={run?.search.query ?? view.search?.query ?? ''} error={queryError} onRun={(query) => post({ type: 'run', query })} />
        <SearchInfo connections={run?.connections ?? []} range={run?.range ?? null} />
        <StatusLine
          status={status}
          runId={run?.runId ?? -1}
          visible={rows.length}
          range={run?.range ?? null}
          onCancel={() => post({ type: 'cancel' })}
          onLoadMore={() => post({ type: 'loadMore' })}
          onFetchAll={() => post({ type: 'fetchAll' })}
        />
      </header>
      <Histogram bins={summary.bins} range={summary.timeRange} onNarrow={(from, to) => post({ type: 'narrow', from: new Date(from).toISOString(), to: new Date(to).toISOString() })} />
      <div class="toolbar">
        <button
          type="button"
          class="icon-button"
          aria-pressed={fieldsShown}
          aria-controls="field-sidebar"
          title={fieldsShown ? 'Hide the field sidebar' : 'Show the field sidebar'}
          aria-label="Field sidebar"
          onClick={() => update({ fieldsHidden: fieldsShown })}
        ><Icon name="layout-sidebar-left" /></button>
        <input
          ref={filterInput}
          class="filter-input"
          type="search"
          placeholder="Filter loaded events (/)"
          aria-label="Filter loaded events"
          value={text}
          maxLength={FILTER_TEXT_MAX}
          onInput={(e) => update({ filterText: (e.currentTarget as HTMLInputElement).value })}
          onKeyDown={(e) => { if (e.key === 'Escape' || e.key === 'Enter') { e.preventDefault(); grid.current?.focus(); } }}
        />
        <FilterChips filters={view.filters} valueName={valueName} onRemove={(f) => setView((v) => ({ ...v, filters: removeFilter(v.filters, f) }))} />
        <span class="spacer" />
        <ColumnPicker columns={view.columns} onChange={(columns: ColumnId[]) => update({ columns })} />
        <ExportMenu
          onExport={(scope, format) => request((requestId) => ({ type: 'export', requestId, scope, format }))}
          onCopy={(which, format) => {
            const eventKeys = which === 'selected' ? (selected ? [selectedKeyOf] : []) : positions.map((at) => results.keyAt(at));
            if (eventKeys.length === 0) { setToast('Select a row first.'); return; }
            request((requestId) => ({ type: 'copyRows', requestId, eventKeys, format }));
          }}
        />
      </div>
      <div class="main">
        {fieldsShown && <Sidebar facets={summary.facets} shown={summary.shown} valueName={valueName} onFilter={filter} />}
        <Table
          rows={rows}
          rowKey={(index) => results.keyAt(positions[index] as number)}
          rowConnection={(index) => results.index.connection(positions[index] as number)}
          columns={view.columns}
          widths={view.widths}
          sort={view.sort}
          selectedIndex={selectedIndex}
          initialScrollTop={view.scrollTop}
          onSelect={(index, open) => select(index, open)}
          onSort={sortBy}
          onResize={resize}
          onKeyDown={onGridKey}
          onScroll={onScroll}
          gridRef={grid}
          scrollToRef={scrollTo}
        />
        {view.detailOpen && selected && (
          <DetailPane
            event={selected}
            connection={results.index.connection(results.position(selectedKeyOf) as number)}
            actions={{
              close: closeDetail,
              pivot: (field, value) => filter(field, value, false),
              searchTraceEverywhere: (traceId) => post({ type: 'searchTraceId', traceId }),
              surrounding: (by) => post({ type: 'surrounding', eventKey: selectedKeyOf, by, minutes: 5 }),
              openDiff: (field) => request((requestId) => ({ type: 'openDiff', requestId, eventKey: selectedKeyOf, field })),
              openRaw: () => request((requestId) => ({ type: 'openRaw', requestId, eventKey: selectedKeyOf })),
              copyCurl: () => request((requestId) => ({ type: 'copyCurl', requestId, eventKey: selectedKeyOf })),
            }}
          />
        )}
      </div>
      <div class="toasts">
        <div class="toast toast-error" role="alert" onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); dismissFailure(); } }}>
          {failure && <><Icon name="error" /><span class="toast-text"><span class="visually-hidden">Error: </span>{failure}</span>
            <button type="button" class="icon-button" aria-label="Dismiss error" title="Dismiss" onClick={dismissFailure}><Icon name="close" /></button></>}
        </div>
        <div class="toast" role="status" aria-live="polite">{toast}</div>
      </div>
    </div>
  );
}
