/** One row per changed field: old and new side by side with word-level highlights. */
import type { AuditEvent } from '../../core/model';
import { showBidiControls } from '../model/bidi';
import type { DiffCell, DiffRow } from '../model/diffRows';
import { diffRows } from '../model/diffRows';
import { Icon } from './icons';

const MODE_NOTE: Partial<Record<DiffRow['mode'], string>> = {
  newOnly: 'new values only: the vendor does not report the previous value',
  unchanged: 'unchanged',
};

/** AXP reports whole snapshots: an event without changes may only lack its previous snapshot. */
function noChangesNote(event: AuditEvent): string {
  if (event.vendor === 'axp' && event.action.toUpperCase() !== 'CREATED') {
    return 'The previous snapshot of this object is not among the loaded events, so there is nothing to compare with. Widen the time range (or remove filters) to see what changed.';
  }
  return 'No field changes recorded for this event.';
}

export function ChangeDiff(props: { event: AuditEvent; onOpenDiff(field: string): void }) {
  const rows = diffRows(props.event.changes, props.event.vendor);
  if (rows.length === 0) return <p class="muted">{noChangesNote(props.event)}</p>;
  return (
    <div class="change-diff">
      {rows.map((row, i) => { const field = showBidiControls(row.field); return (
        <section key={`${i}:${row.field}`} class="diff-row" aria-label={`Change of ${field}`}>
          <header class="diff-field">
            <span class="diff-field-name" dir="auto">{field}</span>
            {MODE_NOTE[row.mode] && <span class="muted diff-note">{MODE_NOTE[row.mode]}</span>}
            <span class="spacer" />
            <button type="button" class="link-button" aria-label={`Open ${field} in diff editor`} onClick={() => props.onOpenDiff(row.field)}>
              <Icon name="diff" /> Open in diff editor
            </button>
          </header>
          <table class={`diff-table diff-${row.mode}`}>
            <thead>
              <tr><th scope="col">Old</th><th scope="col">New</th></tr>
            </thead>
            <tbody>
              {row.lines.map((line, j) => (
                <tr key={j}>
                  <DiffSide cell={line.left} empty={row.mode === 'newOnly' ? (j === 0 ? '(not reported)' : '') : ''} />
                  <DiffSide cell={line.right} empty="" />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ); })}
    </div>
  );
}

function DiffSide({ cell, empty }: { cell: DiffCell | null; empty: string }) {
  if (!cell) return <td class="diff-cell diff-empty">{empty}</td>;
  return (
    <td class={`diff-cell diff-${cell.kind}`}>
      {cell.segments.map((s, i) => (s.changed ? <mark key={i} class={`diff-mark-${cell.kind}`}>{showBidiControls(s.text)}</mark> : <span key={i}>{showBidiControls(s.text)}</span>))}
    </td>
  );
}
