/**
 * The raw vendor record as nested details/summary (natively keyboard-operable, so no tree roles);
 * every key and value is inserted as text.
 */
import { showBidiControls } from '../model/bidi';

const MAX_CHILDREN = 500;

export function JsonTree({ value }: { value: unknown }) {
  return <div class="json-tree"><JsonNode name={null} value={value} depth={0} /></div>;
}

function JsonNode({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const label = name === null ? null : <span class="json-key">{showBidiControls(name)}: </span>;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
    return (
      <details open={depth < 2} class="json-node">
        <summary>{label}<span class="muted">{summary}</span></summary>
        <div class="json-children">
          {entries.slice(0, MAX_CHILDREN).map(([k, v]) => <JsonNode key={k} name={k} value={v} depth={depth + 1} />)}
          {entries.length > MAX_CHILDREN && <div class="muted">… {entries.length - MAX_CHILDREN} more (open the raw JSON to see all)</div>}
        </div>
      </details>
    );
  }
  return (
    <div class="json-leaf">
      {label}
      <span class={`json-${value === null ? 'null' : typeof value}`}>{showBidiControls(typeof value === 'string' ? JSON.stringify(value) : String(value))}</span>
    </div>
  );
}
