import { AuditLensError } from './errors';

const MIN_SECRET_LENGTH = 4;

/**
 * The texts that give a credential away: the credential, and for Descope's
 * `ProjectId:ManagementKey` the key alone, which is as secret as the pair. The project id is
 * not a secret (every Descope record names it), and records must print as received.
 */
export function secretForms(secret: string): string[] {
  const key = secret.slice(secret.indexOf(':') + 1);
  return key !== secret && key.length >= 8 ? [secret, key] : [secret];
}

/** Every text `redactSecrets` replaces for these secrets, longest first. */
export function redactedForms(secrets: readonly (string | undefined)[]): string[] {
  const parts = new Set<string>();
  for (const secret of secrets) {
    // Shorter than this, replacing it would mangle ordinary words ("x" in example.com), and no real credential is.
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) parts.add(form);
  }
  return [...parts].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret, in each of its forms, with a placeholder. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[], placeholder = '<redacted>'): string {
  let out = text;
  for (const part of redactedForms(secrets)) out = out.split(part).join(placeholder);
  return out;
}

/**
 * The error with every secret replaced in the words it shows (message, the vendor's own
 * message, its support reference). A vendor that echoes the credential in an error body
 * must not put it on screen; the cause, which holds that body, is dropped when it did.
 */
export function redactError(error: AuditLensError, secrets: readonly (string | undefined)[]): AuditLensError {
  const clean = (text: string | undefined) => (text === undefined ? undefined : redactSecrets(text, secrets));
  const message = clean(error.message) as string;
  const vendorMessage = clean(error.vendorMessage);
  const supportRef = clean(error.supportRef);
  if (message === error.message && vendorMessage === error.vendorMessage && supportRef === error.supportRef) return error;
  return new AuditLensError(error.reason, message, {
    vendor: error.vendor, status: error.status, vendorMessage, supportRef, retryAfterMs: error.retryAfterMs,
  });
}
