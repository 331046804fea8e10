import * as assert from 'node:assert/strict';
import { gridColumns, withWidth } from '../../../src/webview/model/columnWidths';
import { COLUMN_WIDTH_MAX, COLUMN_WIDTH_MIN, DEFAULT_VIEW_STATE, FILTER_TEXT_MAX, readViewState } from '../../../src/shared/viewState';

describe('webview view state: the filter text', () => {
  it('is kept with the rest of the view', () => {
    const state = { ...DEFAULT_VIEW_STATE, filterText: 'alice login', selectedKey: 'k', detailOpen: true };
    assert.deepEqual(readViewState(state), state);
  });

  it('may be absent, as in states saved before it was kept', () => {
    const state = { ...DEFAULT_VIEW_STATE, scrollTop: 480 };
    assert.deepEqual(readViewState(state), state);
    assert.equal(readViewState(state).filterText, undefined);
  });

  it('must be text no longer than the filter input takes, or the state reads as the defaults', () => {
    assert.deepEqual(readViewState({ ...DEFAULT_VIEW_STATE, scrollTop: 480, filterText: 42 }), { ...DEFAULT_VIEW_STATE, search: undefined });
    assert.equal(readViewState({ ...DEFAULT_VIEW_STATE, filterText: 'x'.repeat(FILTER_TEXT_MAX) }).filterText?.length, FILTER_TEXT_MAX);
    assert.equal(readViewState({ ...DEFAULT_VIEW_STATE, filterText: 'x'.repeat(FILTER_TEXT_MAX + 1) }).filterText, undefined);
  });
});

describe('webview view state: column widths', () => {
  it('are kept per column, and may be absent, as in states saved before columns could be resized', () => {
    const state = { ...DEFAULT_VIEW_STATE, widths: { description: 640, actor: COLUMN_WIDTH_MIN } };
    assert.deepEqual(readViewState(state), state);
    assert.equal(readViewState(DEFAULT_VIEW_STATE).widths, undefined);
  });

  it('outside what a drag can give, or for an unknown column, the state reads as the defaults', () => {
    for (const widths of [{ description: COLUMN_WIDTH_MAX + 1 }, { actor: COLUMN_WIDTH_MIN - 1 }, { actor: Number.NaN }, { colour: 100 }]) {
      assert.deepEqual(readViewState({ ...DEFAULT_VIEW_STATE, widths }), { ...DEFAULT_VIEW_STATE, search: undefined }, JSON.stringify(widths));
    }
  });
});

describe('webview grid columns', () => {
  it('uses each chosen width as a fixed track and the defaults elsewhere; the rows are never narrower than the tracks add up to', () => {
    const columns = ['time', 'actor', 'description'] as const;
    assert.deepEqual(gridColumns(columns, undefined), { template: '190px minmax(80px, 1fr) minmax(100px, 2fr)', minWidth: 900 });
    assert.deepEqual(gridColumns(columns, { description: 1200 }), { template: '190px minmax(80px, 1fr) 1200px', minWidth: 1470 });
  });

  it('clamps a new width to what a drag allows and forgets it on reset', () => {
    assert.deepEqual(withWidth(undefined, 'actor', 5), { actor: COLUMN_WIDTH_MIN });
    assert.deepEqual(withWidth({ actor: 90 }, 'actor', 10_000.4), { actor: COLUMN_WIDTH_MAX });
    assert.deepEqual(withWidth({ actor: 90, time: 200 }, 'actor', undefined), { time: 200 });
  });
});
