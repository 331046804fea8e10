/** Column chooser, local text filter, export and copy. */
import { useState } from 'preact/hooks';
import type { CopyFormat, ExportFormat } from '../../shared/protocol';
import type { ColumnId } from '../../shared/viewState';
import { COLUMN_IDS } from '../../shared/viewState';
import { COLUMN_LABELS } from '../model/fields';
import { Icon } from './icons';

export function ColumnPicker(props: { columns: readonly ColumnId[]; onChange(columns: ColumnId[]): void }) {
  const [open, setOpen] = useState(false);
  const hidden = COLUMN_IDS.filter((c) => !props.columns.includes(c));
  const move = (index: number, delta: number) => {
    const next = [...props.columns];
    const [column] = next.splice(index, 1);
    next.splice(Math.max(0, Math.min(next.length, index + delta)), 0, column);
    props.onChange(next);
  };
  return (
    <div class="popover-anchor">
      <button type="button" class="button secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="list-selection" /> Columns
      </button>
      {open && (
        <ul class="popover" aria-label="Columns" onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); setOpen(false); } }}>
          {props.columns.map((column, i) => (
            <li key={column}>
              <label><input type="checkbox" checked disabled={props.columns.length === 1} onChange={() => props.onChange(props.columns.filter((c) => c !== column))} /> {COLUMN_LABELS[column]}</label>
              <span class="spacer" />
              <button type="button" class="icon-button" aria-label={`Move ${COLUMN_LABELS[column]} left`} disabled={i === 0} onClick={() => move(i, -1)}><Icon name="arrow-up" /></button>
              <button type="button" class="icon-button" aria-label={`Move ${COLUMN_LABELS[column]} right`} disabled={i === props.columns.length - 1} onClick={() => move(i, 1)}><Icon name="arrow-down" /></button>
            </li>
          ))}
          {hidden.map((column) => (
            <li key={column}>
              <label><input type="checkbox" onChange={() => props.onChange([...props.columns, column])} /> {COLUMN_LABELS[column]}</label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type ExportChoice = `export:${'loaded' | 'all'}:${ExportFormat}` | `copy:${'selected' | 'shown'}:${CopyFormat}`;

export function ExportMenu(props: { onExport(scope: 'loaded' | 'all', format: ExportFormat): void; onCopy(rows: 'selected' | 'shown', format: CopyFormat): void }) {
  const choose = (value: string) => {
    const [kind, scope, format] = value.split(':') as [string, string, string];
    if (kind === 'export') props.onExport(scope as 'loaded' | 'all', format as ExportFormat);
    if (kind === 'copy') props.onCopy(scope as 'selected' | 'shown', format as CopyFormat);
  };
  const option = (value: ExportChoice, label: string) => <option value={value}>{label}</option>;
  return (
    <select
      class="export-menu"
      aria-label="Export or copy"
      value=""
      onChange={(e) => { const el = e.currentTarget as HTMLSelectElement; choose(el.value); el.value = ''; }}
    >
      <option value="" disabled>Export / copy…</option>
      <optgroup label="Export loaded events">
        {option('export:loaded:csv', 'Loaded events as CSV…')}
        {option('export:loaded:json', 'Loaded events as JSON…')}
        {option('export:loaded:ndjson', 'Loaded events as NDJSON…')}
      </optgroup>
      <optgroup label="Export all events of the search">
        {option('export:all:csv', 'All events as CSV…')}
        {option('export:all:json', 'All events as JSON…')}
        {option('export:all:ndjson', 'All events as NDJSON…')}
      </optgroup>
      <optgroup label="Copy">
        {option('copy:selected:json', 'Copy selected row as JSON')}
        {option('copy:selected:markdown', 'Copy selected row as Markdown')}
        {option('copy:selected:csv', 'Copy selected row as CSV')}
        {option('copy:shown:json', 'Copy shown rows as JSON')}
        {option('copy:shown:markdown', 'Copy shown rows as Markdown')}
        {option('copy:shown:csv', 'Copy shown rows as CSV')}
      </optgroup>
    </select>
  );
}
