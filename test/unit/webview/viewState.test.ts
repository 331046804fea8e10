import * as assert from 'node:assert/strict';
import { DEFAULT_VIEW_STATE, FILTER_TEXT_MAX, readViewState } from '../../../src/shared/viewState';

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
