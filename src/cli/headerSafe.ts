import { AuditLensError } from '../core/errors';
import type { VendorId } from '../core/model';

/** What every vendor accepts in a credential header: printable ASCII (HTTP allows a few more bytes, no vendor issues them). */
const UNSENDABLE = /[^\x20-\x7e]/u;

/**
 * Refuses a credential from the environment that no HTTP header can carry (a line break, a
 * zero-width space or an emoji pasted along with it), before any request: undici would
 * otherwise fail the request with an error that blames the network. Names the variable, the
 * character's code point and where it is (counted in the value as set), never the value.
 * Spaces around the value are no problem: they are trimmed off before it is sent.
 */
export function checkHeaderSafe(variable: string, value: string | undefined, vendor: VendorId): void {
  if (value === undefined) return;
  const characters = [...value.trim()];
  const at = characters.findIndex((ch) => UNSENDABLE.test(ch));
  if (at < 0) return;
  const leading = value.length - value.trimStart().length;
  const code = (characters[at] as string).codePointAt(0) as number;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  throw new AuditLensError(
    'config',
    `${variable} contains a character that cannot be sent in an HTTP header (${name} at position ${leading + at + 1}). `
      + `Set ${variable} again to the credential alone, without line breaks or invisible characters.`,
    { vendor },
  );
}
