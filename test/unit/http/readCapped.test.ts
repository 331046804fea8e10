import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { readCapped } from '../../../src/core/http/responseBody';

/** A body that sends `chunks` one per tick, then ends, fails or is dropped as `finish` says. */
function body(chunks: string[], finish: 'end' | Error | 'drop' = 'end'): Readable {
  let index = 0;
  return new Readable({
    read() {
      setImmediate(() => {
        if (index < chunks.length) this.push(Buffer.from(chunks[index++] as string));
        else if (finish === 'end') this.push(null);
        else if (finish === 'drop') this.destroy();
        else this.destroy(finish);
      });
    },
  });
}

describe('http client: reading a capped body', () => {
  it('joins every chunk in order', async () => {
    const buffer = await readCapped(body(['{"a":', '[1,2', ']}']), 100);
    assert.equal(buffer?.toString('utf8'), '{"a":[1,2]}');
  });

  it('reads an empty body as an empty buffer', async () => {
    const buffer = await readCapped(body([]), 100);
    assert.equal(buffer?.length, 0);
  });

  it('accepts a body of exactly the cap', async () => {
    const buffer = await readCapped(body(['12345', '67890']), 10);
    assert.equal(buffer?.toString('utf8'), '1234567890');
  });

  it('stops at the first chunk past the cap and destroys the stream', async () => {
    const stream = body(['12345', '67890', 'x', 'never read']);
    assert.equal(await readCapped(stream, 10), undefined);
    assert.equal(stream.destroyed, true);
  });

  it("rejects with the stream's own error", async () => {
    const failure = Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' });
    await assert.rejects(readCapped(body(['{"a":'], failure), 100), (error: unknown) => error === failure);
  });

  it('rejects a body dropped before its end instead of returning part of it', async () => {
    await assert.rejects(readCapped(body(['{"a":'], 'drop'), 100), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });
});
