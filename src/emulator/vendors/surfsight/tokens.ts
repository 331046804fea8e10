import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMULATOR_CREDENTIALS } from '../../credentials';

/*
 * Login tokens from `/v2/authenticate`: an expiry time and its signature, so the emulator
 * keeps no session state. The emulator's fixed bearer token is accepted as well.
 */

const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Public on purpose: the tokens are fake. */
const TOKEN_KEY = 'audit-lens-emulator-surfsight-tokens';

function sign(expiresAt: number): string {
  return createHmac('sha256', TOKEN_KEY).update(String(expiresAt)).digest('base64url');
}

export function issueToken(now: number): string {
  const expiresAt = now + TOKEN_LIFETIME_MS;
  return `${expiresAt.toString(36)}-${sign(expiresAt)}`;
}

export function tokenValid(token: string, now: number): boolean {
  if (token === EMULATOR_CREDENTIALS.surfsight.token) return true;
  const match = /^([0-9a-z]+)-([\w-]+)$/.exec(token);
  if (!match) return false;
  const expiresAt = parseInt(match[1] as string, 36);
  const given = Buffer.from(match[2] as string);
  const expected = Buffer.from(sign(expiresAt));
  return given.length === expected.length && timingSafeEqual(given, expected) && now < expiresAt;
}
