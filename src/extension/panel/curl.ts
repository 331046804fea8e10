/** "Copy as cURL": the search request for one connection, with the credential as an environment variable. */
import type { HttpRequest } from '../../core/http/types';
import type { Credentials } from '../../core/model';
import { secretForms } from '../../core/redact';

/** Same variable names as the CLI, so the command runs after `export AUDIT_LENS_TOKEN=...`. */
const TOKEN_PLACEHOLDER = '${AUDIT_LENS_TOKEN}';
const APP_KEY_PLACEHOLDER = '${AUDIT_LENS_APP_KEY}';

const SECRET_MARK = '\u0000';

/** Replaces secrets (each of their forms, e.g. Descope's key alone) with marked placeholders. */
function markSecrets(text: string, credentials: Credentials): string {
  const replacements: [string, string][] = [];
  const add = (secret: string | undefined, placeholder: string) => {
    if (!secret) return;
    for (const form of secretForms(secret)) replacements.push([form, placeholder]);
  };
  add(credentials.token, TOKEN_PLACEHOLDER);
  add(credentials.appKey, APP_KEY_PLACEHOLDER);
  replacements.sort((a, b) => b[0].length - a[0].length);
  let out = text;
  for (const [secret, placeholder] of replacements) out = out.split(secret).join(`${SECRET_MARK}${placeholder}${SECRET_MARK}`);
  return out;
}

/** Double-quoted shell word: literal parts escaped, placeholders left to expand. */
function shellWord(text: string): string {
  const parts = text.split(SECRET_MARK);
  return `"${parts.map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\"$`]/g, (c) => `\\${c}`))).join('')}"`;
}

/**
 * The request as a cURL command. `authHeaders` names the headers that carry the credential:
 * if one of them still holds no placeholder after replacement (an encoded form), its whole
 * value becomes the token placeholder so nothing secret can leak.
 */
export function curlCommand(request: HttpRequest, credentials: Credentials, authHeaders: readonly string[]): string {
  const auth = new Set(authHeaders.map((h) => h.toLowerCase()));
  const lines = [`curl -X ${request.method} ${shellWord(markSecrets(request.url, credentials))}`];
  for (const [name, value] of Object.entries(request.headers)) {
    let marked = markSecrets(value, credentials);
    if (auth.has(name.toLowerCase()) && !marked.includes(SECRET_MARK)) marked = `${SECRET_MARK}${TOKEN_PLACEHOLDER}${SECRET_MARK}`;
    lines.push(`  -H ${shellWord(`${name}: ${marked}`)}`);
  }
  if (request.body !== undefined) lines.push(`  --data ${shellWord(markSecrets(request.body, credentials))}`);
  return lines.join(' \\\n');
}
