import { AuditLensError } from '../../core/errors';
import type { HttpClient } from '../../core/http/types';
import { parseBaseUrl } from '../../core/search/requestBuilder';
import { mapRequestError } from '../../core/search/mapError';
import {
  SURFSIGHT_TOKEN_LIFETIME_MS, surfsightAuthenticate, surfsightAuthResponseSchema,
} from '../../core/vendors/surfsight/authenticate';
import { getAdapter } from '../../core/vendors/registry';
import type { SurfsightLogin } from '../secrets/storedCredential';

/** Renew this long before Surfsight's 24 hours are up, so a search never starts with a dying token. */
const RENEW_MARGIN_MS = 10 * 60 * 1000;

export function needsRenewal(expiresAt: number | undefined, now: number): boolean {
  return expiresAt !== undefined && now >= expiresAt - RENEW_MARGIN_MS;
}

/** Trades a Surfsight email + password for a 24-hour token via the shared HTTP client. */
export async function surfsightLogin(
  http: HttpClient,
  baseUrl: string,
  login: SurfsightLogin,
  now: number = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const request = surfsightAuthenticate(baseUrl, login.email, login.password);
  const url = new URL(parseBaseUrl(baseUrl).href.replace(/\/+$/, '') + request.path);
  let response;
  try {
    response = await http.send({
      vendor: 'surfsight',
      method: request.method,
      url: url.href,
      headers: { accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'audit-lens' },
      body: JSON.stringify(request.body),
      idempotent: false,
    });
  } catch (error) {
    const mapped = mapRequestError(getAdapter('surfsight'), error, [login.password]);
    if (mapped.reason === 'auth' || mapped.reason === 'vendor-validation') {
      throw new AuditLensError('auth', 'Surfsight refused the email and password. Check them (a token works only in its own region).', {
        vendor: 'surfsight', status: mapped.status, vendorMessage: mapped.vendorMessage,
      });
    }
    throw mapped;
  }
  const parsed = surfsightAuthResponseSchema.safeParse(response.json);
  if (!parsed.success) {
    throw new AuditLensError('unexpected-content', 'Surfsight\'s login answer has no token. Is the address a Surfsight API?', { vendor: 'surfsight' });
  }
  return { token: parsed.data.data.token, expiresAt: now + SURFSIGHT_TOKEN_LIFETIME_MS };
}
