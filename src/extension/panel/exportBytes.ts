/**
 * The bytes of an export file, built piece by piece: a result too large for one string (V8
 * stops near 512M characters; a JSON export of a few hundred thousand events passes it) is
 * encoded one piece at a time and joined as bytes. Each piece goes through `clean` (the
 * credential replacement) on its own; pieces end between events, so no credential is cut in two.
 */
export function exportBytes(pieces: Iterable<string>, clean: (text: string) => string): Uint8Array {
  const encoded: Buffer[] = [];
  let length = 0;
  for (const piece of pieces) {
    const bytes = Buffer.from(clean(piece), 'utf8');
    encoded.push(bytes);
    length += bytes.length;
  }
  return Buffer.concat(encoded, length);
}
