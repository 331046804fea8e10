import * as assert from 'node:assert/strict';
import { diffRow, diffRows, lineDiff } from '../../../src/webview/model/diffRows';
import type { DiffCell } from '../../../src/webview/model/diffRows';

const text = (cell: DiffCell | null) => cell?.segments.map((s) => s.text).join('') ?? null;
const marked = (cell: DiffCell | null) => cell?.segments.filter((s) => s.changed).map((s) => s.text.trim()) ?? [];

describe('webview model: change diff rows', () => {
  it('highlights the changed words of a short value on each side', () => {
    const row = diffRow({ field: 'role', old: 'read only viewer', new: 'read write viewer' }, false);
    assert.equal(row.mode, 'words');
    assert.equal(row.lines.length, 1);
    const [line] = row.lines;
    assert.equal(text(line.left), 'read only viewer');
    assert.equal(text(line.right), 'read write viewer');
    assert.deepEqual(marked(line.left), ['only']);
    assert.deepEqual(marked(line.right), ['write']);
  });

  it('pretty-prints JSON values and diffs them line by line', () => {
    const row = diffRow({ field: 'settings', old: { a: 1, b: 'x' }, new: { a: 1, b: 'y', c: true } }, false);
    assert.equal(row.mode, 'lines');
    assert.equal(row.oldText, '{\n  "a": 1,\n  "b": "x"\n}');
    const same = row.lines.filter((l) => l.left?.kind === 'same');
    assert.deepEqual(same.map((l) => text(l.left)), ['{', '  "a": 1,', '}']);
    const changedPair = row.lines.find((l) => l.left?.kind === 'removed' && l.right?.kind === 'added');
    assert.ok(changedPair, 'the b line is paired');
    assert.equal(text(changedPair.left), '  "b": "x"');
    assert.ok(row.lines.some((l) => l.left === null && text(l.right) === '  "c": true'));
  });

  it('shows Descope changes without an old value as "new values only"', () => {
    const [row] = diffRows([{ field: 'email', old: null, new: 'a@example.com' }], 'descope');
    assert.equal(row.mode, 'newOnly');
    assert.equal(row.lines[0].left, null);
    assert.equal(text(row.lines[0].right), 'a@example.com');
  });

  it('treats a missing old value from a snapshot vendor (AXP) as an addition, not new-values-only', () => {
    const [row] = diffRows([{ field: 'queue', old: null, new: 'sales' }], 'axp');
    assert.equal(row.mode, 'words');
    assert.equal(row.lines[0].left, null);
    assert.deepEqual(marked(row.lines[0].right), ['sales']);
  });

  it('marks equal values as unchanged and keeps unbalanced removed lines', () => {
    assert.equal(diffRow({ field: 'x', old: 5, new: 5 }, false).mode, 'unchanged');
    const lines = lineDiff('a\nb\nc\n', 'a\nc\n');
    assert.deepEqual(lines.map((l) => [text(l.left), text(l.right)]), [['a', 'a'], ['b', null], ['c', 'c']]);
  });
});
