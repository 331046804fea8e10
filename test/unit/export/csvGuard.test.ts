// CSV for spreadsheets (the panel) and for tools (the CLI): which cells get the formula guard.
import * as assert from 'node:assert/strict';
import { formatEventChunks, toCsv } from '../../../src/core/export/formats';
import { buildEvent } from '../../webview/eventBuilder';

const event = buildEvent({ id: '-1KTaBpziKuHvv6emiOT', traceId: '+A1', description: '=HYPERLINK("http://x")' });

describe('CSV formula guard', () => {
  it('guards every cell by default: a spreadsheet reads -1KTa… as a formula', () => {
    const row = toCsv([event], { header: false });
    assert.ok(row.includes(",'-1KTaBpziKuHvv6emiOT,"), row);
    assert.ok(row.includes("'+A1"), row);
    assert.ok(row.includes(`"'=HYPERLINK(""http://x"")"`), row);
  });

  it('writes ids, times and trace ids exactly for tools, still guarding free text and anything formula-like', () => {
    const row = [...formatEventChunks([event, buildEvent({ id: '-1+cmd|x' })], 'csv', { exactIds: true })].join('');
    assert.ok(row.includes(',-1KTaBpziKuHvv6emiOT,'), row);
    assert.ok(row.includes(',+A1,'), row);
    assert.ok(row.includes(`"'=HYPERLINK(""http://x"")"`), row);
    assert.ok(row.includes("'-1+cmd|x"), row);
  });
});
