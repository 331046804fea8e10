/**
 * Side-by-side change rows for the detail pane: one row per changed field, word-level
 * highlighting for short values, pretty-printed JSON and multi-line text diffed line by line.
 * Pure.
 */
import { diffLines, diffWords } from 'diff';
import type { FieldChange, VendorId } from '../../core/model';
import { changeTexts, sameValue } from '../../shared/changeText';

export interface Segment {
  text: string;
  /** Part of the change (removed on the left, added on the right). */
  changed: boolean;
}

export type CellKind = 'same' | 'removed' | 'added';

export interface DiffCell {
  kind: CellKind;
  segments: Segment[];
}

/** One visual line: either side may be empty where the other side has an extra line. */
export interface DiffLine {
  left: DiffCell | null;
  right: DiffCell | null;
}

export type DiffMode = 'words' | 'lines' | 'newOnly' | 'unchanged';

export interface DiffRow {
  field: string;
  mode: DiffMode;
  lines: DiffLine[];
  /** The texts compared, for "open in diff editor". */
  oldText: string;
  newText: string;
}

/** Vendors that report only the new values of a change. */
const NEW_VALUES_ONLY: ReadonlySet<VendorId> = new Set(['descope']);

function isMultiline(value: unknown, text: string): boolean {
  return (typeof value === 'object' && value !== null) || text.includes('\n');
}

export function diffRows(changes: readonly FieldChange[], vendor: VendorId): DiffRow[] {
  return changes.map((change) => diffRow(change, NEW_VALUES_ONLY.has(vendor)));
}

export function diffRow(change: FieldChange, newValuesOnly: boolean): DiffRow {
  const changed = !sameValue(change.old, change.new);
  const { oldText, newText } = changeTexts(change);
  const base = { field: change.field, oldText, newText };
  if (newValuesOnly && (change.old === null || change.old === undefined)) {
    const lines = newText.split('\n').map((line) => ({ left: null, right: { kind: 'added' as const, segments: [{ text: line, changed: false }] } }));
    return { ...base, mode: 'newOnly', lines };
  }
  if (!changed) {
    const lines = oldText.split('\n').map((line) => {
      const cell = { kind: 'same' as const, segments: [{ text: line, changed: false }] };
      return { left: cell, right: cell };
    });
    return { ...base, mode: 'unchanged', lines };
  }
  if (isMultiline(change.old, oldText) || isMultiline(change.new, newText)) {
    return { ...base, mode: 'lines', lines: lineDiff(oldText, newText) };
  }
  return { ...base, mode: 'words', lines: [wordDiff(oldText, newText)] };
}

/** Word-level highlighting of one old/new pair. */
function wordDiff(oldText: string, newText: string): DiffLine {
  const left: Segment[] = [];
  const right: Segment[] = [];
  for (const part of diffWords(oldText, newText)) {
    if (!part.added) left.push({ text: part.value, changed: part.removed });
    if (!part.removed) right.push({ text: part.value, changed: part.added });
  }
  return {
    left: oldText === '' ? null : { kind: 'removed', segments: left },
    right: newText === '' ? null : { kind: 'added', segments: right },
  };
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line diff; removed and added runs are paired line by line and word-highlighted. */
export function lineDiff(oldText: string, newText: string): DiffLine[] {
  const out: DiffLine[] = [];
  let removed: string[] = [];
  const flush = (added: string[]) => {
    const n = Math.max(removed.length, added.length);
    for (let i = 0; i < n; i++) {
      const before = removed[i];
      const after = added[i];
      if (before !== undefined && after !== undefined) {
        const paired = wordDiff(before, after);
        out.push({
          left: paired.left ?? { kind: 'removed', segments: [] },
          right: paired.right ?? { kind: 'added', segments: [] },
        });
      } else if (before !== undefined) {
        out.push({ left: { kind: 'removed', segments: [{ text: before, changed: true }] }, right: null });
      } else {
        out.push({ left: null, right: { kind: 'added', segments: [{ text: after ?? '', changed: true }] } });
      }
    }
    removed = [];
  };
  for (const part of diffLines(oldText, newText)) {
    const lines = splitLines(part.value);
    if (part.removed) {
      removed.push(...lines);
    } else if (part.added) {
      flush(lines);
    } else {
      flush([]);
      for (const line of lines) {
        const cell = { kind: 'same' as const, segments: [{ text: line, changed: false }] };
        out.push({ left: cell, right: cell });
      }
    }
  }
  flush([]);
  return out;
}
