import type { VendorId } from '../core/model';

/**
 * The core words its advice for the editor, where a connection has a stored credential and
 * settings. On the command line the same fix is made through the environment and flags, so
 * each such sentence is replaced by its CLI form. A sentence the core no longer makes is
 * simply not found (the CLI tests catch that, as they expect the CLI wording).
 */
function replacements(vendor: VendorId | undefined): ReadonlyArray<[editor: string, cli: string]> {
  const credential = vendor === 'axp'
    ? 'Check AUDIT_LENS_TOKEN (the bearer token) and AUDIT_LENS_APP_KEY (the app key).'
    : 'Set AUDIT_LENS_TOKEN to a valid credential (see "audit-lens --help").';
  return [
    ['Update the credential for this connection.', credential],
    ['Update the security token for this connection', 'Set AUDIT_LENS_TOKEN to a valid Perfecto security token'],
    ['Set the base URL of this connection to the final address.', 'Give the final address as --base-url.'],
    ["Check the connection's account id (CLI: --account) and base URL.", 'Check --account and --base-url.'],
    ['Check the base URL of this connection', 'Check --base-url'],
    ['add its CA certificate in the Audit Lens settings.', 'set NODE_EXTRA_CA_CERTS to a file holding its CA certificate.'],
  ];
}

/** An error message as the CLI shows it: advice aimed at the editor's settings names the variable or flag instead. */
export function cliWording(message: string, vendor: VendorId | undefined): string {
  let out = message;
  for (const [editor, cli] of replacements(vendor)) out = out.split(editor).join(cli);
  return out;
}
