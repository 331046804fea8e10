import type { Readable } from 'node:stream';
import { AuditLensError } from '../errors';
import type { VendorId } from '../model';
import { formatBytes } from './duration';
import { vendorName } from './vendorNames';

/**
 * Reads a response body, stopping (and freeing the socket) as soon as it passes `capBytes`.
 * Returns undefined when the cap was passed, so the caller decides what that means.
 */
export async function readCapped(body: Readable, capBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > capBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
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
