/** The query (editable, re-run with Enter), connections, range and status line. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionInfo, RunStatus } from '../../shared/protocol';
import { showBidiControls } from '../model/bidi';
import { formatTime } from '../model/fields';
import { Icon, VendorBadge } from './icons';

export interface QueryError {
  query: string;
  message: string;
  position: number | null;
}

export function QueryBar(props: { query: string; error: QueryError | null; onRun(query: string): void }) {
  const [draft, setDraft] = useState(props.query);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setDraft(props.query), [props.query]);
  useEffect(() => {
    const position = props.error?.position;
    if (position !== null && position !== undefined && input.current) {
      input.current.focus();
      input.current.setSelectionRange(position, position + 1);
    }
  }, [props.error]);
  return (
    <form class="query-bar" onSubmit={(e) => { e.preventDefault(); props.onRun(draft); }}>
      <Icon name="search" />
      <input
        ref={input}
        class="query-input"
        aria-label="Query (press Enter to run)"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? 'query-error' : undefined}
        value={draft}
        spellcheck={false}
        onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => { if (e.key === 'Escape') setDraft(props.query); }}
      />
      <button type="submit" class="icon-button" title="Run (Enter)" aria-label="Run query"><Icon name="play" /></button>
      {props.error && <div id="query-error" class="query-error" role="alert">{props.error.message}</div>}
    </form>
  );
}

export function SearchInfo(props: { connections: readonly ConnectionInfo[]; range: { from: string; to: string } | null }) {
  return (
    <div class="search-info">
      {props.connections.map((c) => (
        <span key={c.id} class="connection"><VendorBadge vendor={c.vendor} /> {c.label}</span>
      ))}
      {props.range && (
        <span class="range"><Icon name="calendar" /> {formatTime(props.range.from)} → {formatTime(props.range.to)} UTC</span>
      )}
    </div>
  );
}

export function StatusLine(props: {
  status: RunStatus | null;
  /** The run the status belongs to: a new run is announced afresh. */
  runId: number;
  visible: number;
  range: { from: string; to: string } | null;
  onCancel(): void;
  onLoadMore(): void;
  onFetchAll(): void;
}) {
  const s = props.status;
  const announcement = <StatusAnnouncer status={s} runId={props.runId} />;
  // First in both forms, so the live region stays mounted (and keeps its state) as the line changes.
  if (!s) return <div class="status-line">{announcement}Waiting for results…</div>;
  const total = s.total === null ? '' : ` of ${s.total.toLocaleString('en-US')}`;
  const fetching = s.phase === 'running';
  return (
    <div class="status-line">
      {announcement}
      {fetching && <span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" />}
      <span class="status-count">{s.loaded.toLocaleString('en-US')}{total} events loaded</span>
      {props.visible !== s.loaded && <span>· {props.visible.toLocaleString('en-US')} shown</span>}
      <span>· {s.pages} {s.pages === 1 ? 'page' : 'pages'}</span>
      {/* Before the errors, which may be long: what became of the run is read first. */}
      {s.phase === 'failed' && <span class="error-text status-failed">· <Icon name="error" /> failed</span>}
      {s.localFilters.length > 0 && <span title="The vendor could not apply these filters; they ran on the fetched events.">· filtered locally: {s.localFilters.join(', ')}</span>}
      {s.phase === 'cancelled' && <span>· cancelled</span>}
      {/* Before the notices and errors, which may wrap; the range itself is in the header. */}
      {s.phase === 'done' && s.complete && props.range && <span class="end-reached">· end of range reached</span>}
      {s.warnings > 0 && <span class="warning"><Icon name="warning" /> {s.warnings} {s.warnings === 1 ? 'record' : 'records'} with schema drift</span>}
      <Notices notices={s.notices} />
      {s.errors.map((e, i) => <span key={`e${i}`} class="error-text" dir="auto"><Icon name="error" /> {showBidiControls(errorText(e))}</span>)}
      <span class="spacer" />
      {fetching && <button type="button" class="button secondary" onClick={props.onCancel}><Icon name="debug-stop" /> Cancel</button>}
      {!fetching && s.more && <button type="button" class="button secondary" onClick={props.onLoadMore}>Load more</button>}
      {!fetching && s.more && <button type="button" class="button secondary" onClick={props.onFetchAll}>Fetch all</button>}
    </div>
  );
}

/** An error as the status line says it: by its connection, or alone when it is the whole search's (no connection). */
function errorText(error: RunStatus['errors'][number]): string {
  return error.connection ? `${error.connection}: ${error.message}` : error.message;
}

/** While fetching, the loaded count is announced at most this often; phase changes are announced at once. */
const COUNT_ANNOUNCE_MS = 10_000;

function phaseSentence(s: RunStatus): string {
  const loaded = `${s.loaded.toLocaleString('en-US')} events loaded`;
  const errors = s.errors.length === 1 ? '1 error' : `${s.errors.length} errors`;
  switch (s.phase) {
    case 'running': return 'Fetching events.';
    case 'paused': return `Paused: ${loaded}${s.more ? ', more available' : ''}.`;
    case 'done': return s.errors.length > 0 ? `Finished with ${errors}: ${loaded}.` : `Finished: ${loaded}.`;
    case 'cancelled': return `Cancelled: ${loaded}.`;
    case 'failed': return `Failed: ${loaded}.`;
  }
}

/** What a run has told the screen reader so far. */
interface Heard {
  runId: number;
  phase: RunStatus['phase'] | null;
  /** Notices and errors already spoken: each is said once, when it first appears. */
  said: Set<string>;
}

/**
 * The screen-reader view of the status: the visible line changes on every page (a Fetch all of
 * 100,000 events is a thousand pages), so only phase changes, each new notice or error, and an
 * occasional count are spoken.
 */
function StatusAnnouncer({ status, runId }: { status: RunStatus | null; runId: number }) {
  const [message, setMessage] = useState('');
  const heard = useRef<Heard>({ runId: -1, phase: null, said: new Set() });
  const latest = useRef(status);
  latest.current = status;
  const countTimer = useRef<number | undefined>(undefined);
  const stopCount = () => {
    window.clearTimeout(countTimer.current);
    countTimer.current = undefined;
  };
  useEffect(() => {
    if (runId !== heard.current.runId) {
      stopCount();
      heard.current = { runId, phase: null, said: new Set() };
    }
    if (!status) return;
    const h = heard.current;
    const news = [...status.notices, ...status.errors.map(errorText)].filter((text) => !h.said.has(text));
    for (const text of news) h.said.add(text);
    let sentence = '';
    if (status.phase !== h.phase) {
      h.phase = status.phase;
      stopCount();
      sentence = phaseSentence(status);
    } else if (status.phase === 'running' && countTimer.current === undefined) {
      countTimer.current = window.setTimeout(() => {
        countTimer.current = undefined;
        const now = latest.current;
        if (now?.phase === 'running') setMessage(`${now.loaded.toLocaleString('en-US')} events loaded so far.`);
      }, COUNT_ANNOUNCE_MS);
    }
    const spoken = [sentence, ...news.map(showBidiControls)].filter(Boolean).join(' ');
    // The same words again (a second run ending alike) must still change the region to be spoken.
    if (spoken) setMessage((current) => (spoken === current ? `${spoken}\u00a0` : spoken));
  }, [status, runId]);
  useEffect(() => stopCount, []);
  return <span class="visually-hidden" role="status">{message}</span>;
}

/** One notice shows in the line; several fold into one expandable line so the table keeps its place. */
function Notices(props: { notices: readonly string[] }) {
  const [first, ...rest] = props.notices.map(showBidiControls);
  if (first === undefined) return null;
  if (rest.length === 0) return <span class="warning" dir="auto"><Icon name="info" /> {first}</span>;
  return (
    <details class="notices warning">
      <summary dir="auto"><Icon name="info" /> {props.notices.length} notices: {first}</summary>
      <ul>{rest.map((n, i) => <li key={i} dir="auto">{n}</li>)}</ul>
    </details>
  );
}
