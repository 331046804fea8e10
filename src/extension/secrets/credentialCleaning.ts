/** What a pasted credential became: the cleaned value, or why it was refused. */
export type CleanedCredential =
  | { ok: true; value: string; notes: string[] }
  | { ok: false; reason: string };

const BEARER_PREFIX = /^bearer(?:\s+|$)/i;
// C0 controls, DEL and C1 controls: never part of a token, often the trace of a bad paste.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Vendor credentials are printable ASCII; anything else (é, “”, zero-width spaces) is a paste accident.
const NOT_PRINTABLE_ASCII = /[^\u0021-\u007e]/;
// The whole value in matching straight or typographic quotes, as copied from a JSON or shell snippet.
const QUOTED = /^(?:"([^"]*)"|'([^']*)'|\u201c([^\u201d]*)\u201d)$/;

/**
 * Cleans a pasted credential: trims surrounding whitespace and removes a stray `Bearer `
 * prefix (the header adds it) and quotes around the whole value. Refuses line breaks, control
 * characters, inner spaces, quotes and non-ASCII characters, which no vendor credential contains
 * and which would break or inject into the header. Reasons never repeat the credential.
 */
export function cleanCredential(raw: string, what = 'The credential'): CleanedCredential {
  const notes: string[] = [];
  let value = raw.trim();
  const quoted = QUOTED.exec(value);
  if (quoted) {
    value = (quoted[1] ?? quoted[2] ?? quoted[3] ?? '').trim();
    notes.push('Removed the quotes around the value.');
  }
  if (BEARER_PREFIX.test(value)) {
    value = value.replace(BEARER_PREFIX, '');
    notes.push('Removed a leading "Bearer " (Audit Lens adds it where the vendor needs it).');
  }
  if (value === '') return { ok: false, reason: `${what} is empty. Paste the value the vendor gave you.` };
  if (/[\r\n\u2028\u2029]/.test(value)) {
    return { ok: false, reason: `${what} contains a line break. Copy it again as a single line.` };
  }
  if (CONTROL.test(value)) {
    return { ok: false, reason: `${what} contains an invisible control character. Copy it again from the vendor's console.` };
  }
  if (/\s/.test(value)) {
    return { ok: false, reason: `${what} contains a space. Copy only the value, without a label or a second word.` };
  }
  if (/["'`]/.test(value)) {
    return { ok: false, reason: `${what} contains a quote mark. Copy only the value, without quotes.` };
  }
  if (NOT_PRINTABLE_ASCII.test(value)) {
    return { ok: false, reason: `${what} contains a character that is not plain ASCII (an accent, a typographic quote or an invisible character). Copy it again from the vendor's console.` };
  }
  return { ok: true, value, notes };
}
