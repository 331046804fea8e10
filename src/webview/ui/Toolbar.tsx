/** Column chooser, export and copy: popovers opened from toolbar buttons. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { CopyFormat, ExportFormat } from '../../shared/protocol';
import type { ColumnId } from '../../shared/viewState';
import { COLUMN_IDS } from '../../shared/viewState';
import { COLUMN_LABELS } from '../model/fields';
import { Icon } from './icons';
import { usePopover } from './usePopover';

export function ColumnPicker(props: { columns: readonly ColumnId[]; onChange(columns: ColumnId[]): void }) {
  const popover = usePopover();
  const list = useRef<HTMLUListElement>(null);
  // Unticking or moving re-renders the list; the control that was used keeps the focus.
  const refocus = useRef<string | null>(null);
  useLayoutEffect(() => {
    const key = refocus.current;
    refocus.current = null;
    if (key) list.current?.querySelector<HTMLElement>(`[data-focus="${key}"]`)?.focus();
  });
  const change = (columns: ColumnId[], focusKey: string) => {
    refocus.current = focusKey;
    props.onChange(columns);
  };
  const hidden = COLUMN_IDS.filter((c) => !props.columns.includes(c));
  const move = (index: number, delta: number, focusKey: string) => {
    const to = index + delta;
    if (to < 0 || to >= props.columns.length) return;
    const next = [...props.columns];
    const [column] = next.splice(index, 1);
    next.splice(to, 0, column);
    change(next, focusKey);
  };
  // Ends stay focusable (aria-disabled, not disabled) so focus can stay on a button that reached one.
  const moveButton = (column: ColumnId, index: number, delta: -1 | 1) => {
    const key = `${delta < 0 ? 'left' : 'right'}-${column}`;
    const end = delta < 0 ? index === 0 : index === props.columns.length - 1;
    return (
      <button type="button" class="icon-button" data-focus={key} aria-disabled={end} aria-label={`Move ${COLUMN_LABELS[column]} ${delta < 0 ? 'left' : 'right'}`} onClick={() => move(index, delta, key)}>
        <Icon name={delta < 0 ? 'arrow-up' : 'arrow-down'} />
      </button>
    );
  };
  return (
    <div class="popover-anchor" {...popover.anchorProps}>
      <button ref={popover.button} type="button" class="button secondary" aria-expanded={popover.open} onClick={() => popover.setOpen(!popover.open)}>
        <Icon name="list-selection" /> Columns
      </button>
      {popover.open && (
        <ul ref={list} class="popover" aria-label="Columns">
          {props.columns.map((column, i) => (
            <li key={column}>
              <label><input type="checkbox" data-focus={`check-${column}`} checked disabled={props.columns.length === 1} onChange={() => change(props.columns.filter((c) => c !== column), `check-${column}`)} /> {COLUMN_LABELS[column]}</label>
              <span class="spacer" />
              {moveButton(column, i, -1)}
              {moveButton(column, i, 1)}
            </li>
          ))}
          {hidden.map((column) => (
            <li key={column}>
              <label><input type="checkbox" data-focus={`check-${column}`} checked={false} onChange={() => change([...props.columns, column], `check-${column}`)} /> {COLUMN_LABELS[column]}</label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type ExportAction = { label: string } & ({ kind: 'export'; scope: 'loaded' | 'all'; format: ExportFormat } | { kind: 'copy'; rows: 'selected' | 'shown'; format: CopyFormat });

const EXPORT_GROUPS: { label: string; actions: ExportAction[] }[] = [
  { label: 'Export loaded events', actions: [
    { kind: 'export', scope: 'loaded', format: 'csv', label: 'Loaded events as CSV…' },
    { kind: 'export', scope: 'loaded', format: 'json', label: 'Loaded events as JSON…' },
    { kind: 'export', scope: 'loaded', format: 'ndjson', label: 'Loaded events as NDJSON…' },
  ] },
  { label: 'Export all events of the search', actions: [
    { kind: 'export', scope: 'all', format: 'csv', label: 'All events as CSV…' },
    { kind: 'export', scope: 'all', format: 'json', label: 'All events as JSON…' },
    { kind: 'export', scope: 'all', format: 'ndjson', label: 'All events as NDJSON…' },
  ] },
  { label: 'Copy', actions: [
    { kind: 'copy', rows: 'selected', format: 'json', label: 'Copy selected row as JSON' },
    { kind: 'copy', rows: 'selected', format: 'markdown', label: 'Copy selected row as Markdown' },
    { kind: 'copy', rows: 'selected', format: 'csv', label: 'Copy selected row as CSV' },
    { kind: 'copy', rows: 'shown', format: 'json', label: 'Copy shown rows as JSON' },
    { kind: 'copy', rows: 'shown', format: 'markdown', label: 'Copy shown rows as Markdown' },
    { kind: 'copy', rows: 'shown', format: 'csv', label: 'Copy shown rows as CSV' },
  ] },
];

const MENU_KEYS: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => (at + 1) % count,
  ArrowUp: (at, count) => (at - 1 + count) % count,
  Home: () => 0,
  End: (_, count) => count - 1,
};

/** A menu of action buttons: arrows, Home and End move, Enter, Space or a click acts, Tab leaves. */
export function ExportMenu(props: { onExport(scope: 'loaded' | 'all', format: ExportFormat): void; onCopy(rows: 'selected' | 'shown', format: CopyFormat): void }) {
  const popover = usePopover();
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
  useLayoutEffect(() => { if (popover.open) items()[0]?.focus(); }, [popover.open]);
  const choose = (action: ExportAction) => {
    popover.close(true);
    if (action.kind === 'export') props.onExport(action.scope, action.format);
    else props.onCopy(action.rows, action.format);
  };
  const onMenuKey = (e: KeyboardEvent) => {
    // One tab stop, as menus have: Tab leaves the menu, which closes.
    if (e.key === 'Tab') {
      popover.setOpen(false);
      return;
    }
    const next = MENU_KEYS[e.key];
    if (!next) return;
    e.preventDefault();
    const all = items();
    all[next(all.indexOf(document.activeElement as HTMLElement), all.length)]?.focus();
  };
  return (
    <div class="popover-anchor" {...popover.anchorProps}>
      <button ref={popover.button} type="button" class="button secondary" aria-haspopup="menu" aria-expanded={popover.open} onClick={() => popover.setOpen(!popover.open)}>
        <Icon name="export" /> Export / copy…
      </button>
      {popover.open && (
        <div ref={menu} class="popover export-menu" role="menu" aria-label="Export or copy" onKeyDown={onMenuKey}>
          {EXPORT_GROUPS.map((group) => (
            <div key={group.label} role="group" aria-label={group.label}>
              <div class="menu-heading" aria-hidden="true">{group.label}</div>
              {group.actions.map((action) => (
                <button key={action.label} type="button" role="menuitem" tabIndex={-1} class="menu-item" onClick={() => choose(action)}>{action.label}</button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
