import { promises as fs } from 'node:fs';

/**
 * An export file, written piece by piece. A result too large for one string (V8 stops near
 * 512M characters; a JSON export of a few hundred thousand events passes it) is never held
 * as one. Each piece goes through `clean` (the credential replacement) on its own; pieces
 * end between events, so no credential is cut in two.
 */
function* cleaned(pieces: Iterable<string>, clean: (text: string) => string): Generator<string> {
  for (const piece of pieces) yield clean(piece);
}

/**
 * Writes the pieces to a local file one at a time, yielding between them, through a
 * temporary file renamed into place at the end: a failed export leaves the target as it was.
 */
export async function writeExportFile(path: string, pieces: Iterable<string>, clean: (text: string) => string): Promise<void> {
  const partial = `${path}.part`;
  const file = await fs.open(partial, 'w');
  try {
    for (const piece of cleaned(pieces, clean)) await file.write(piece);
    await file.close();
    await fs.rename(partial, path);
  } catch (error) {
    await file.close().catch(() => undefined);
    await fs.rm(partial, { force: true });
    throw error;
  }
}

/** The same as bytes, for targets that only take a whole file (a remote or virtual file system): joined as bytes, never as one string. */
export function exportBytes(pieces: Iterable<string>, clean: (text: string) => string): Uint8Array {
  const encoded: Buffer[] = [];
  let length = 0;
  for (const piece of cleaned(pieces, clean)) {
    const bytes = Buffer.from(piece, 'utf8');
    encoded.push(bytes);
    length += bytes.length;
  }
  return Buffer.concat(encoded, length);
}
