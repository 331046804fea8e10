/** What a pasted credential became: the cleaned value, or why it was refused. */
export type CleanedCredential =
  | { ok: true; value: string; notes: string[] }
  | { ok: false; reason: string };

const BEARER_PREFIX = /^bearer(?:\s+|$)/i;
// C0 controls, DEL and C1 controls: never part of a token, often the trace of a bad paste.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Cleans a pasted credential: trims surrounding whitespace and removes a stray `Bearer `
 * prefix (the header adds it). Refuses line breaks, control characters and inner spaces,
 * which no vendor credential contains. Reasons never repeat the credential.
 */
export function cleanCredential(raw: string, what = 'The credential'): CleanedCredential {
  const notes: string[] = [];
  let value = raw.trim();
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
  return { ok: true, value, notes };
}
