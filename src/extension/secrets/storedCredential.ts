import * as z from 'zod/mini';
import type { Credentials } from '../../core/model';

/** A Surfsight email + password login, kept so the 24-hour token can be renewed. */
const surfsightLoginSchema = z.object({
  email: z.string().check(z.minLength(1)),
  password: z.string().check(z.minLength(1)),
});
export type SurfsightLogin = z.infer<typeof surfsightLoginSchema>;

/**
 * What SecretStorage holds for one connection: the credential plus the origin it was
 * entered for (DESIGN.md security model). `expiresAt` is set for renewable tokens.
 */
const storedCredentialSchema = z.object({
  token: z.string().check(z.minLength(1)),
  appKey: z.optional(z.string().check(z.minLength(1))),
  origin: z.string().check(z.minLength(1)),
  login: z.optional(surfsightLoginSchema),
  /** Epoch ms after which the token must be renewed (Surfsight login tokens). */
  expiresAt: z.optional(z.number().check(z.int(), z.positive())),
});
export type StoredCredential = z.infer<typeof storedCredentialSchema>;

/** Parses a stored value; undefined (never an exception) when it is missing or malformed. */
export function parseStoredCredential(text: string | undefined): StoredCredential | undefined {
  if (text === undefined) return undefined;
  try {
    const result = storedCredentialSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export function serializeStoredCredential(value: StoredCredential): string {
  return JSON.stringify(storedCredentialSchema.parse(value));
}

export function credentialsOf(stored: StoredCredential): Credentials {
  return stored.appKey === undefined ? { token: stored.token } : { token: stored.token, appKey: stored.appKey };
}

/** The same stored value: every field equal. */
export function sameStoredCredential(a: StoredCredential, b: StoredCredential): boolean {
  return serializeStoredCredential(a) === serializeStoredCredential(b);
}
