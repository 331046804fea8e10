import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { forTerminal, printableLine } from '../../../src/cli/terminalText';

/** What a terminal acts on or draws misleadingly, line feeds and tabs aside (written out here, not taken from the code under test). */
const ACTS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('\u001b', '\u0007', '\u009b', '\u007f', '\r', '\u202e', '\u2066', '\u200e', '\u200f', '\u061c', '\n', '\t', '"', ','), fc.string({ minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) });

describe('CLI output bound for a terminal', () => {
  it('keeps JSON the same data, with nothing a terminal acts on', () => {
    fc.assert(fc.property(fc.array(anyText), (values) => {
      const shown = forTerminal('json')(JSON.stringify({ values }));
      assert.doesNotMatch(shown, ACTS);
      assert.deepEqual(JSON.parse(shown), { values });
    }), { numRuns: 500 });
  });

  it('replaces them in CSV with U+FFFD, keeping line breaks inside quoted cells', () => {
    const plain = 'time,vendor,description\n2025-01-01T00:00:00.000Z,zluri,"two\nlines, and\ta tab"\n';
    assert.equal(forTerminal('csv')(plain), plain);
    fc.assert(fc.property(anyText, (value) => {
      const shown = forTerminal('csv')(`"${value}"\n`);
      assert.doesNotMatch(shown, ACTS);
      assert.equal(shown.length, value.length + 3);
    }), { numRuns: 500 });
    assert.equal(forTerminal('csv')('"a\u001b[2Jb\nc"\n'), '"a\uFFFD[2Jb\nc"\n');
    assert.equal(forTerminal('csv')('"Ann\rroot"\n'), '"Ann\uFFFDroot"\n', 'a carriage return would write over the line');
  });

  it('makes a message one printable line', () => {
    assert.equal(printableLine('bad\u001b]0;owned\u0007 name\nnext\tcell'), 'bad\uFFFD]0;owned\uFFFD name next cell');
  });
});
