import { finished, type Readable } from 'node:stream';
import { AuditLensError } from '../errors';
import type { VendorId } from '../model';
import { formatBytes } from './duration';
import { vendorName } from './vendorNames';

/**
 * Reads a response body, stopping (and freeing the socket) as soon as it passes `capBytes`.
 * Returns undefined when the cap was passed, so the caller decides what that means; rejects
 * with the stream's error (an abort, a body timeout, a dropped socket, a premature close).
 * Per response this runs thousands of times a search for vendors with small pages, so:
 * 'data' events rather than `for await` (the stream's async iterator cost ~15 µs a response),
 * and a body that came in one chunk is returned as that chunk. Copying it, as `Buffer.concat`
 * does even for one, allocates every body again outside the JS heap, and that memory sets off
 * extra full garbage collections, each marking every event the search holds so far.
 */
export function readCapped(body: Readable, capBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    body.on('data', (chunk: Buffer) => {
      if (over) return;
      total += chunk.length;
      if (total > capBytes) {
        over = true;
        body.destroy();
        return;
      }
      chunks.push(chunk);
    });
    finished(body, (error) => {
      if (over) resolve(undefined);
      else if (error) reject(error);
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
    });
  });
}

export function tooLargeError(vendor: VendorId, host: string, capBytes: number): AuditLensError {
  return new AuditLensError(
    'too-large',
    `The response from ${vendorName(vendor)} at ${host} is larger than the ${formatBytes(capBytes)} limit, so the download was stopped. `
      + 'Search a shorter time range; in VS Code, a smaller page size for this vendor (setting auditLens.pageSize) also helps.',
    { vendor },
  );
}

/** Parses a 2xx body as JSON, refusing other content types with a message a person can act on. */
export function decodeJson(buffer: Buffer, contentType: string | undefined, vendor: VendorId, host: string): unknown {
  if (buffer.length === 0) return undefined;
  const name = vendorName(vendor);
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type && !isJsonType(type)) {
    throw new AuditLensError(
      'unexpected-content',
      `${name} at ${host}: expected JSON but got ${describeType(type)} — is the base URL right, or is a proxy or sign-in page answering?`,
      { vendor },
    );
  }
  const text = buffer.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const cutOff = /end of (json )?input|unterminated/i.test((error as Error).message);
    throw new AuditLensError(
      'unexpected-content',
      cutOff
        ? `${name} at ${host} sent JSON that ends early (${formatBytes(buffer.length)} received): the response was cut off. Try again.`
        : `${name} at ${host} sent a response that is not valid JSON (${formatBytes(buffer.length)}). Check the base URL; if it is right, try again later.`,
      { vendor },
    );
  }
}

/** Parses an error body leniently: JSON when it is JSON, otherwise a short text the adapter may still read. */
export function decodeErrorBody(buffer: Buffer | undefined): unknown {
  if (!buffer || buffer.length === 0) return undefined;
  const text = buffer.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 2000);
  }
}

function isJsonType(type: string): boolean {
  return type === 'application/json' || type === 'text/json' || /^application\/[\w.-]+\+json$/.test(type);
}

function describeType(type: string): string {
  if (type === 'text/html' || type === 'application/xhtml+xml') return `an HTML page (${type})`;
  if (type === 'text/plain') return `plain text (${type})`;
  if (type.endsWith('/xml') || type.endsWith('+xml')) return `XML (${type})`;
  return `content of type ${type}`;
}
