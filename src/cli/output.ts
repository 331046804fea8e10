/** What `writeChunks` needs of standard output: a Node writable stream, or a test's own. */
export interface OutputStream {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
  once(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
  readonly destroyed: boolean;
}

/**
 * Writes the pieces one by one, waiting for 'drain' whenever the stream asks to, so the
 * output is never held whole in memory (by us or by the stream's buffer), and resolves once
 * the last piece is handed on. A reader that went away (`| head`) took what it wanted: that
 * is not a failure, and nothing more is written. The 'error' listener stays attached, as
 * the stream may report a closed pipe after the last write; without one it would crash.
 */
export async function writeChunks(stream: OutputStream, chunks: Iterable<string>, stop?: AbortSignal): Promise<'written' | 'stopped'> {
  let failure: (Error & { code?: string }) | undefined;
  stream.on('error', (error) => { failure ??= error; });
  let written: Promise<void> = Promise.resolve();
  for (const chunk of chunks) {
    // A signal ends the output between pieces (each ends between events), even while the reader is not reading.
    if (stop?.aborted) return 'stopped';
    if (failure || stream.destroyed) break;
    let more = true;
    written = new Promise((resolve) => {
      more = stream.write(chunk, (error) => {
        // The stream reports the failure as 'error' only later: the last write must not look done.
        if (error) failure ??= error;
        resolve();
      });
    });
    if (!more && !failure && !stream.destroyed) await drained(stream, stop);
  }
  if (stop?.aborted) return 'stopped';
  if (!failure && !stream.destroyed) await written;
  if (failure && failure.code !== 'EPIPE') {
    throw new Error(`standard output could not be written (${failure.code ?? failure.message}).`);
  }
  return 'written';
}

/** Resolves once the stream has room again, or will never have: on 'drain', 'close' or 'error', or when `stop` aborts. */
function drained(stream: OutputStream, stop: AbortSignal | undefined): Promise<void> {
  const events = ['drain', 'close', 'error'] as const;
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of events) stream.off(event, done);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    for (const event of events) stream.once(event, done);
    stop?.addEventListener('abort', done, { once: true });
    if (stop?.aborted) done();
  });
}
