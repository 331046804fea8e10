import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { isAuditLensError } from '../../core/errors';
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
  if (useLogin) {
    const email = given.email ?? await prompts.input({ title: `Surfsight login for ${connection.label}`, prompt: 'Email address', validateInput: (v) => (v.includes('@') ? undefined : 'Enter the email address you sign in with.') });
    if (email === undefined) return undefined;
    return signIn(connection, email.trim(), given.password, prompts, http);
  }
  const token = await cleanedValue(given.token, prompts, `${setup.tokenPrompt} for ${connection.label}`, 'The credential');
  if (token === undefined) return undefined;
  if (!setup.needsAppKey) return { token };
  const appKey = await cleanedValue(given.appKey, prompts, `AXP app key for ${connection.label}`, 'The app key');
  if (appKey === undefined) return undefined;
  return { token, appKey };
}

const PASSWORD_KEPT = 'Kept in the OS keychain so Audit Lens can renew the 24-hour token, until you remove the connection. Never shown or logged.';

/** Signs in; a refused password is asked again (Escape ends), unless it was given programmatically. */
async function signIn(connection: Connection, email: string, given: string | undefined, prompts: Prompts, http: SharedHttpClient): Promise<NewCredential | undefined> {
  let title = `Surfsight password of ${email} for ${connection.label}`;
  for (;;) {
    const password = given ?? await prompts.input({ title, prompt: PASSWORD_KEPT, password: true });
    if (password === undefined) return undefined;
    const login = { email, password };
    try {
      const { token, expiresAt } = await surfsightLogin(http, connection.baseUrl, login);
      return { token, login, expiresAt };
    } catch (error) {
      if (given !== undefined || !isAuditLensError(error) || error.reason !== 'auth') throw error;
      title = `Surfsight refused the sign-in of ${email}: type the password again (Escape cancels)`;
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
