/** Replaces every occurrence of each secret (and its parts around a colon) with a placeholder. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[], placeholder = '<redacted>'): string {
  const parts = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    parts.add(secret);
    // Descope's `ProjectId:ManagementKey`: the key alone is as secret as the pair.
    for (const piece of secret.split(':')) if (piece.length >= 8) parts.add(piece);
  }
  let out = text;
  for (const part of [...parts].sort((a, b) => b.length - a.length)) out = out.split(part).join(placeholder);
  return out;
}
