import * as z from 'zod/mini';
import { AuditLensError } from '../../errors';
import { parseBaseUrl } from '../../search/requestBuilder';
import type { VendorRequest } from '../adapter';

const SURFSIGHT_AUTH_PATH = '/v2/authenticate';
/** Surfsight tokens are valid for 24 hours from login. */
export const SURFSIGHT_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The login answer: `{ data: { token } }`. */
export const surfsightAuthResponseSchema = z.object({
  data: z.object({ token: z.string().check(z.minLength(1)) }),
});
export type SurfsightAuthResponse = z.infer<typeof surfsightAuthResponseSchema>;

/**
 * Describes the `POST /v2/authenticate` login that trades an email and password for a
 * bearer token. Checks first that `baseUrl` is one a password may be sent to (HTTPS, or
 * loopback HTTP for the emulator). The caller sends it through the shared HTTP client
 * and must never log the body.
 */
export function surfsightAuthenticate(baseUrl: string, email: string, password: string): VendorRequest {
  parseBaseUrl(baseUrl);
  if (email.trim() === '' || password === '') {
    throw new AuditLensError('config', 'Surfsight login needs both the email address and the password Surfsight sent you.', { vendor: 'surfsight' });
  }
  return { method: 'POST', path: SURFSIGHT_AUTH_PATH, body: { email: email.trim(), password } };
}
