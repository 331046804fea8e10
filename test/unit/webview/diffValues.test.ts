import * as assert from 'node:assert/strict';
import { changeTexts, sameValue } from '../../../src/shared/changeText';
import { diffRow } from '../../../src/webview/model/diffRows';
import type { DiffCell } from '../../../src/webview/model/diffRows';

const text = (cell: DiffCell | null) => cell?.segments.map((s) => s.text).join('') ?? null;
/** What each side of a one-line row reads as. */
const sides = (old: unknown, next: unknown) => {
  const row = diffRow({ field: 'f', old, new: next }, false);
  return { mode: row.mode, left: text(row.lines[0].left), right: text(row.lines[0].right) };
};

describe('webview model: change diff compares values, not their text', () => {
  it('shows a change between values that read alike as a change, each written as its JSON literal', () => {
    assert.deepEqual(sides('', null), { mode: 'words', left: '""', right: 'null' });
    assert.deepEqual(sides(1, '1'), { mode: 'words', left: '1', right: '"1"' });
    assert.deepEqual(sides(false, 'false'), { mode: 'words', left: 'false', right: '"false"' });
    assert.deepEqual(sides({ a: 1 }, '{\n  "a": 1\n}').mode, 'lines');
  });

  it('tells an empty string from no value and from the text "null"', () => {
    assert.deepEqual(sides('', 'x'), { mode: 'words', left: '""', right: '"x"' });
    assert.deepEqual(sides(null, ''), { mode: 'words', left: 'null', right: '""' });
    assert.deepEqual(sides('null', null), { mode: 'words', left: 'null', right: null }, 'no value is an empty side');
    assert.deepEqual(sides('null', ''), { mode: 'words', left: '"null"', right: '""' });
    assert.deepEqual(sides(undefined, null), { mode: 'words', left: '(not set)', right: 'null' });
  });

  it('keeps plain text where it tells the values apart', () => {
    assert.deepEqual(sides('viewer', 'admin'), { mode: 'words', left: 'viewer', right: 'admin' });
    assert.deepEqual(sides(null, 'sales'), { mode: 'words', left: null, right: 'sales' });
  });

  it('calls equal values unchanged, objects whatever their key order', () => {
    assert.equal(sides({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 }).mode, 'unchanged');
    assert.equal(sides('', '').mode, 'unchanged');
    assert.equal(sides(null, null).mode, 'unchanged');
  });

  it('compares deeply: arrays against objects, lengths, missing keys, nested values', () => {
    assert.equal(sameValue([1, 2], { 0: 1, 1: 2 }), false);
    assert.equal(sameValue([1, 2], [1, 2, 3]), false);
    assert.equal(sameValue({ a: undefined }, { b: undefined }), false);
    assert.equal(sameValue({ a: { b: [1] } }, { a: { b: ['1'] } }), false);
    assert.equal(sameValue({ a: { b: [1] } }, { a: { b: [1] } }), true);
    assert.equal(sameValue(null, {}), false);
  });

  it('gives VS Code\'s diff editor the same texts: "" and null differ there too', () => {
    assert.deepEqual(changeTexts({ old: '', new: null }), { oldText: '""', newText: 'null' });
    assert.deepEqual(changeTexts({ old: 1, new: '1' }), { oldText: '1', newText: '"1"' });
    assert.deepEqual(changeTexts({ old: 'a', new: 'b' }), { oldText: 'a', newText: 'b' });
  });
});
