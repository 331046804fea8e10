/** The query (editable, re-run with Enter), connections, range and status line. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionInfo, RunStatus } from '../../shared/protocol';
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
  visible: number;
  range: { from: string; to: string } | null;
  onCancel(): void;
  onLoadMore(): void;
  onFetchAll(): void;
}) {
  const s = props.status;
  if (!s) return <div class="status-line" role="status">Waiting for results…</div>;
  const total = s.total === null ? '' : ` of ${s.total.toLocaleString('en-US')}`;
  const fetching = s.phase === 'running';
  return (
    <div class="status-line" role="status" aria-live="polite">
      {fetching && <span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" />}
      <span class="status-count">{s.loaded.toLocaleString('en-US')}{total} events loaded</span>
      {props.visible !== s.loaded && <span>· {props.visible.toLocaleString('en-US')} shown</span>}
      <span>· {s.pages} {s.pages === 1 ? 'page' : 'pages'}</span>
      {s.localFilters.length > 0 && <span title="The vendor could not apply these filters; they ran on the fetched events.">· filtered locally: {s.localFilters.join(', ')}</span>}
      {s.warnings > 0 && <span class="warning"><Icon name="warning" /> {s.warnings} {s.warnings === 1 ? 'record' : 'records'} with schema drift</span>}
      <Notices notices={s.notices} />
      {s.errors.map((e, i) => <span key={`e${i}`} class="error-text"><Icon name="error" /> {e.connection}: {e.message}</span>)}
      {s.phase === 'cancelled' && <span>· cancelled</span>}
      {s.phase === 'done' && s.complete && props.range && (
        <span class="end-reached">· end of range reached ({formatTime(props.range.from)} → {formatTime(props.range.to)})</span>
      )}
      <span class="spacer" />
      {fetching && <button type="button" class="button secondary" onClick={props.onCancel}><Icon name="debug-stop" /> Cancel</button>}
      {!fetching && s.more && <button type="button" class="button secondary" onClick={props.onLoadMore}>Load more</button>}
      {!fetching && s.more && <button type="button" class="button secondary" onClick={props.onFetchAll}>Fetch all</button>}
    </div>
  );
}

/** One notice shows in the line; several fold into one expandable line so the table keeps its place. */
function Notices(props: { notices: readonly string[] }) {
  const [first, ...rest] = props.notices;
  if (first === undefined) return null;
  if (rest.length === 0) return <span class="warning"><Icon name="info" /> {first}</span>;
  return (
    <details class="notices warning">
      <summary><Icon name="info" /> {props.notices.length} notices: {first}</summary>
      <ul>{rest.map((n, i) => <li key={i}>{n}</li>)}</ul>
    </details>
  );
}
