/** The raw vendor record as a folding tree; every key and value is inserted as text. */

const MAX_CHILDREN = 500;

export function JsonTree({ value }: { value: unknown }) {
  return <div class="json-tree" role="tree" aria-label="Raw record"><JsonNode name={null} value={value} depth={0} /></div>;
}

function JsonNode({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const label = name === null ? null : <span class="json-key">{name}: </span>;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
    return (
      <details open={depth < 2} role="treeitem" class="json-node">
        <summary>{label}<span class="muted">{summary}</span></summary>
        <div role="group" class="json-children">
          {entries.slice(0, MAX_CHILDREN).map(([k, v]) => <JsonNode key={k} name={k} value={v} depth={depth + 1} />)}
          {entries.length > MAX_CHILDREN && <div class="muted">… {entries.length - MAX_CHILDREN} more (open the raw JSON to see all)</div>}
        </div>
      </details>
    );
  }
  return (
    <div role="treeitem" class="json-leaf">
      {label}
      <span class={`json-${value === null ? 'null' : typeof value}`}>{typeof value === 'string' ? JSON.stringify(value) : String(value)}</span>
    </div>
  );
}
