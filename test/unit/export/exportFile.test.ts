import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXPORT_FORMATS, formatEventChunks, formatEvents } from '../../../src/core/export/formats';
import { exportBytes, writeExportFile } from '../../../src/extension/panel/exportFile';
import { buildEvent } from '../../webview/eventBuilder';

const SECRET = 'sk_live_0123456789abcdef';
const events = Array.from({ length: 2500 }, (_, i) => buildEvent({
  vendor: i % 2 === 0 ? 'zluri' : 'surfsight', id: `e${i}`, description: `rotated key ${SECRET} for user ${i} — ünïcode`,
}));
const connections = events.map((_, i) => (i % 3 === 0 ? 'Zluri prod' : 'Surfsight "EU"'));

describe('panel export files, written piece by piece', () => {
  it('pieces with connection names join to the same text as the whole, in every format and piece size', () => {
    for (const format of EXPORT_FORMATS) {
      const whole = formatEvents(events, format, connections);
      for (const perChunk of [1, 7, 1000, 5000]) {
        assert.equal([...formatEventChunks(events, format, { perChunk, connections })].join(''), whole, `${format}, ${perChunk} a piece`);
      }
    }
  });

  it('encodes piece by piece to the bytes of the whole, never handing the cleaner more than one piece', () => {
    for (const format of EXPORT_FORMATS) {
      const seen: number[] = [];
      const clean = (text: string): string => {
        seen.push(text.length);
        return text.split(SECRET).join('<redacted>');
      };
      const bytes = exportBytes(formatEventChunks(events, format, { connections }), clean);
      const expected = Buffer.from(formatEvents(events, format, connections).split(SECRET).join('<redacted>'), 'utf8');
      assert.ok(Buffer.from(bytes).equals(expected), format);
      assert.equal(seen.length, 3, `${format}: 2500 events in pieces of 1000`);
      assert.ok(!Buffer.from(bytes).includes(SECRET), `${format}: a credential was cut between pieces`);
    }
  });

  it('writes a local file piece by piece, and a failed export leaves the file as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-export-'));
    try {
      const target = path.join(dir, 'events.json');
      const redact = (text: string): string => text.split(SECRET).join('<redacted>');
      await writeExportFile(target, formatEventChunks(events, 'json', { connections }), redact);
      assert.equal(fs.readFileSync(target, 'utf8'), redact(formatEvents(events, 'json', connections)));
      function* failing(): Generator<string> {
        yield '[\n';
        throw new Error('disk full');
      }
      await assert.rejects(writeExportFile(target, failing(), redact), /disk full/);
      assert.equal(fs.readFileSync(target, 'utf8'), redact(formatEvents(events, 'json', connections)), 'the earlier export was kept');
      assert.deepEqual(fs.readdirSync(dir), ['events.json'], 'no partial file is left behind');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
