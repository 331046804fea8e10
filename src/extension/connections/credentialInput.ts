import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { AuditLensError, isAuditLensError } from '../../core/errors';
import type { Connection } from '../../core/model';
import { cleanCredential } from '../secrets/credentialCleaning';
import type { StoredCredential } from '../secrets/storedCredential';
import type { SharedHttpClient } from '../search/sharedHttpClient';
import type { Prompts } from '../ui/prompts';
import { surfsightLogin } from './surfsightLogin';
import { VENDOR_SETUP } from './vendorFields';

/** Credential values given programmatically (tests, other commands); anything missing is asked. */
export const credentialArgsSchema = z.object({
  token: z.optional(z.string()),
  appKey: z.optional(z.string()),
  email: z.optional(z.string()),
  password: z.optional(z.string()),
});
export type CredentialArgs = z.infer<typeof credentialArgsSchema>;

type NewCredential = Omit<StoredCredential, 'origin'>;

/** Asks for (or takes) a connection's credential, cleaned; Surfsight may log in with email + password. */
export async function askCredential(
  connection: Connection,
  prompts: Prompts,
  http: SharedHttpClient,
  given: CredentialArgs = {},
): Promise<NewCredential | undefined> {
  const setup = VENDOR_SETUP[connection.vendor];
  let useLogin = given.email !== undefined;
  if (connection.vendor === 'surfsight' && given.token === undefined && given.email === undefined) {
    const way = await prompts.pick([
      { label: 'Email and password', description: 'Audit Lens logs in and renews the 24-hour token itself', login: true },
      { label: 'Bearer token', description: 'valid 24 hours; you replace it', login: false },
    ], { placeHolder: 'How do you sign in to Surfsight?', title: `Credential for ${connection.label}` });
    if (!picked(way)) return undefined;
    useLogin = way.login;
  }
  if (useLogin) return signIn(connection, given, prompts, http);
  const token = await cleanedValue(given.token, prompts, `${setup.tokenPrompt} for ${connection.label}`, 'The credential');
  if (token === undefined) return undefined;
  if (!setup.needsAppKey) return { token };
  const appKey = await cleanedValue(given.appKey, prompts, `AXP app key for ${connection.label}`, 'The app key');
  if (appKey === undefined) return undefined;
  return { token, appKey };
}

const PASSWORD_KEPT = 'Kept in the OS keychain so Audit Lens can renew the 24-hour token, until you remove the connection. Never shown or logged.';

/** Sign-ins tried before giving up: a few more refusals could lock the Surfsight account. */
const MAX_SIGN_INS = 3;

/**
 * Signs in with the email and password given or asked for. After a refusal both are asked
 * again (the email filled in, as it may be the mistake); Escape ends the wizard. Given ones
 * (a command's arguments) are tried once.
 */
async function signIn(connection: Connection, given: CredentialArgs, prompts: Prompts, http: SharedHttpClient): Promise<NewCredential | undefined> {
  let email = given.email;
  let refused: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const typedEmail = given.email ?? await prompts.input({
      title: refused ? `Surfsight refused the sign-in of ${refused}: check the email (Escape cancels)` : `Surfsight login for ${connection.label}`,
      prompt: 'Email address',
      value: email,
      validateInput: (v) => (v.includes('@') ? undefined : 'Enter the email address you sign in with.'),
    });
    if (typedEmail === undefined) return undefined;
    email = typedEmail.trim();
    const password = given.password ?? await prompts.input({
      title: refused ? `Then the password of ${email} (Escape cancels)` : `Surfsight password of ${email} for ${connection.label}`,
      prompt: PASSWORD_KEPT,
      password: true,
    });
    if (password === undefined) return undefined;
    const login = { email, password };
    try {
      const { token, expiresAt } = await surfsightLogin(http, connection.baseUrl, login);
      return { token, login, expiresAt };
    } catch (error) {
      const askAgain = given.password === undefined && isAuditLensError(error) && error.reason === 'auth';
      if (!askAgain) throw error;
      if (attempt >= MAX_SIGN_INS) {
        throw new AuditLensError('auth', `Surfsight refused ${MAX_SIGN_INS} sign-ins in a row; nothing was saved. Check the email and password (a Surfsight account is tied to one region), then add the connection again.`);
      }
      refused = email;
    }
  }
}

async function cleanedValue(given: string | undefined, prompts: Prompts, prompt: string, what: string): Promise<string | undefined> {
  if (given !== undefined) {
    const cleaned = cleanCredential(given, what);
    if (!cleaned.ok) throw new Error(cleaned.reason);
    return cleaned.value;
  }
  const typed = await prompts.input({
    title: prompt,
    prompt: 'Stored in the OS keychain, bound to this connection\'s address. Never shown or logged.',
    password: true,
    validateInput: (value) => {
      const cleaned = cleanCredential(value, what);
      if (!cleaned.ok) return cleaned.reason;
      // What will be taken off is said while typing, without refusing the value.
      return cleaned.notes.length > 0 ? { message: cleaned.notes.join(' '), severity: vscode.InputBoxValidationSeverity.Info } : undefined;
    },
  });
  if (typed === undefined) return undefined;
  const cleaned = cleanCredential(typed, what);
  if (!cleaned.ok) throw new Error(cleaned.reason);
  return cleaned.value;
}

function picked<T>(value: T | undefined): value is T {
  return value !== undefined;
}
