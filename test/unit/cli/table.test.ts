import * as assert from 'node:assert/strict';
import type { AuditEvent } from '../../../src/core/model';
import { NO_CHANGES } from '../../../src/core/model';
import { tableChunks } from '../../../src/cli/table';

function event(actor: string, description: string): AuditEvent {
  return {
    vendor: 'zluri', id: actor, time: '2025-12-04T10:00:00.000Z', actor: { id: actor, name: actor, type: null, role: null },
    action: 'invite_user', resource: { type: 'users', id: null, name: null }, status: 'success', description, traceId: null,
    changes: NO_CHANGES, raw: {},
  };
}

/** Terminal cells a line takes: CJK characters take two. */
const cells = (line: string): number => [...line].reduce((sum, ch) => sum + (/[\u3040-\u9fff\uac00-\ud7a3]/.test(ch) ? 2 : 1), 0);

/** The whole table, as the CLI writes it piece by piece. */
const table = (events: readonly AuditEvent[], width: number): string => [...tableChunks(events, width)].join('');

describe('CLI table', () => {
  it('gives the width short columns leave to the long description', () => {
    const lines = table([event('bob', 'x'.repeat(300)), event('amy', 'short')], 160).split('\n');
    assert.equal(cells(lines[1] as string), 160, 'the long row fills the terminal');
    assert.ok((lines[1] as string).endsWith('…'));
  });

  it('keeps columns aligned when names are two cells wide, and defuses direction overrides', () => {
    const lines = table([event('王小明', 'a\u202eb'), event('bob', 'plain')], 120).split('\n');
    const statusAt = (line: string): number => cells(line.slice(0, line.indexOf('success')));
    assert.equal(statusAt(lines[1] as string), statusAt(lines[2] as string));
    assert.ok(!(lines[1] as string).includes('\u202e'));
  });
});
