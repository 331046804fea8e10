import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { VENDORS, type Connection, type VendorId } from '../../core/model';
import { originOf } from '../../core/search/requestBuilder';
import { getAdapter } from '../../core/vendors/registry';
import { connectionIdFor, labelProblem } from '../connections/connectionSchema';
import { connectionToSameTenant } from '../connections/sameTenant';
import { askCredential, credentialArgsSchema } from '../connections/credentialInput';
import { describeOutcome, testRequest } from '../connections/testRequest';
import { accountIdProblem, VENDOR_SETUP } from '../connections/vendorFields';
import type { Services } from '../services';
import { credentialsOf } from '../secrets/storedCredential';
import type { Command } from './command';

const argsSchema = z.extend(credentialArgsSchema, {
  vendor: z.optional(z.enum(VENDORS)),
  label: z.optional(z.string()),
  address: z.optional(z.string()),
  accountId: z.optional(z.string()),
});

/** "Audit Lens: Add Connection": vendor → its fields → credential → a test request → save. */
export class AddConnectionCommand implements Command {
  readonly id = 'auditLens.addConnection' as const;

  constructor(private readonly services: Services) {}

  async execute(rawArgs?: unknown): Promise<Connection | undefined> {
    const args = argsSchema.parse(rawArgs ?? {});
    // Before any question: a setting that cannot take another entry is said at once.
    this.services.connections.takenIds();
    const prompts = this.services.prompts.current;
    const vendor = args.vendor ?? (await prompts.pick(
      VENDORS.map((v) => ({ label: VENDOR_SETUP[v].label, description: v, vendor: v })),
      { title: 'Add Connection (1/4): vendor', placeHolder: 'Which vendor\'s audit log?' },
    ))?.vendor;
    if (!vendor) return undefined;
    const setup = VENDOR_SETUP[vendor];

    const baseUrl = await this.askBaseUrl(vendor, args.address);
    if (baseUrl === undefined) return undefined;
    const accountId = setup.needsAccountId ? args.accountId ?? await prompts.input({
      title: 'Add Connection: AXP account id', prompt: 'The account id of your AXP tenant',
      validateInput: (v) => accountIdProblem({ id: 'new', label: 'new', vendor, baseUrl }, v),
    }) : undefined;
    if (setup.needsAccountId && !accountId) return undefined;
    const twin = connectionToSameTenant({ vendor, baseUrl, accountId }, this.services.connections.all());
    if (twin && !await prompts.confirm(
      `"${twin.label}" already connects to this ${setup.label} tenant. Add another connection to it?`,
      'Add Anyway',
      'A search across both shows each of its events twice. To change the credential or the label, use Set Credential or Edit Connection on the existing one.',
    )) return undefined;
    const label = args.label ?? await prompts.input({
      title: 'Add Connection (3/4): label', prompt: 'A name for this connection', value: `${setup.label} ${new URL(baseUrl).hostname.split('.')[0]}`,
      validateInput: labelProblem,
    });
    if (!label) return undefined;

    let connection: Connection = { id: connectionIdFor(label, this.services.connections.takenIds()), label: label.trim(), vendor, baseUrl, ...(accountId ? { accountId: accountId.trim() } : {}) };
    const problem = getAdapter(vendor).validateConnection(connection);
    if (problem) throw new Error(problem);

    const credential = await askCredential(connection, prompts, this.services.http, args);
    if (!credential) return undefined;
    const outcome = await testRequest(connection, credentialsOf({ ...credential, origin: originOf(baseUrl) }), this.services.backend.searchOptions());
    if (!outcome.ok) {
      const save = await prompts.confirm(`${describeOutcome(connection, outcome)} Save the connection anyway?`, 'Save Anyway');
      if (!save) return undefined;
    }
    // The setting may have changed while the questions were open (another window, settings.json): take an id still free.
    const taken = this.services.connections.takenIds();
    if (taken.has(connection.id)) connection = { ...connection, id: connectionIdFor(label, taken) };
    await this.services.connections.upsert(connection);
    const where = await this.services.credentials.write(connection, credential);
    if (!outcome.ok) this.services.status.setError(connection.id, outcome.error);
    const saved = !outcome.ok ? `Saved ${connection.label}.`
      : outcome.cancelled ? `Saved ${connection.label}; the test was cancelled, so the credential is not checked yet (run Test Connection).`
      : describeOutcome(connection, outcome);
    void vscode.window.showInformationMessage(`${saved}${where === 'session' ? ' The credential is kept for this session only.' : ''}`);
    return connection;
  }

  private async askBaseUrl(vendor: VendorId, given: string | undefined): Promise<string | undefined> {
    const setup = VENDOR_SETUP[vendor];
    const prompts = this.services.prompts.current;
    let address = given;
    if (address === undefined && setup.choices) {
      const choice = await prompts.pick(
        [...setup.choices.map((c) => ({ label: c.label, address: c.address as string | undefined })), { label: 'Other address…', address: undefined }],
        { title: 'Add Connection (2/4): region', placeHolder: setup.addressPrompt },
      );
      if (!choice) return undefined;
      address = choice.address;
    }
    address ??= await prompts.input({
      title: 'Add Connection (2/4): address', prompt: setup.addressPrompt, placeHolder: setup.addressPlaceholder,
      validateInput: (v) => checkAddress(vendor, v),
    });
    if (address === undefined) return undefined;
    const problem = checkAddress(vendor, address);
    if (problem) throw new Error(problem);
    return setup.baseUrl(address);
  }
}

/** Why an address cannot be used (not a URL, not HTTPS), or undefined. */
export function checkAddress(vendor: VendorId, address: string): string | undefined {
  try {
    originOf(VENDOR_SETUP[vendor].baseUrl(address));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
