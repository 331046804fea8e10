import type { Connection, VendorId } from '../../core/model';
import { addressForMessage, parseBaseUrl } from '../../core/search/requestBuilder';
import { getAdapter } from '../../core/vendors/registry';

/** What the add-connection wizard asks for each vendor, and how it becomes a base URL. */
export interface VendorSetup {
  label: string;
  /** Prompt for the address field; a full https:// URL is accepted for every vendor. */
  addressPrompt: string;
  addressPlaceholder: string;
  /** Turns the typed address (a short name or a URL) into the connection's base URL. */
  baseUrl(address: string): string;
  needsAccountId: boolean;
  needsAppKey: boolean;
  tokenPrompt: string;
  /** Predefined addresses to pick from instead of typing (Surfsight regions). */
  choices?: ReadonlyArray<{ label: string; address: string }>;
}

// Host names may be internationalized (bücher.example): `new URL` turns them into punycode.
const LABEL = '[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const HOST = new RegExp(`^${LABEL}(\\.${LABEL})+(:\\d+)?$`, 'iu');
const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;

/**
 * The one form a base URL is saved in, so settings re-read what the wizard wrote: what
 * `new URL` makes of it (lowercase scheme and host, punycode, no default port), without
 * trailing slashes or a bare `?`/`#`. Throws what `parseBaseUrl` refuses.
 */
function normalBaseUrl(text: string): string {
  const url = parseBaseUrl(text);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function asUrl(address: string, fromShort: (short: string) => string | undefined): string {
  const trimmed = address.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return normalBaseUrl(trimmed);
  const short = trimmed.replace(/\/+$/, '');
  const url = fromShort(short);
  if (url === undefined) throw new Error(`"${addressForMessage(short)}" is neither a URL nor a host name.`);
  return normalBaseUrl(url);
}

const hostUrl = (short: string) => (HOST.test(short) ? `https://${short}` : undefined);

export const VENDOR_SETUP: Record<VendorId, VendorSetup> = {
  perfecto: {
    label: 'Perfecto',
    addressPrompt: 'Perfecto cloud name (the "acme" of acme.app.perfectomobile.com) or its https:// URL',
    addressPlaceholder: 'acme',
    baseUrl: (a) => asUrl(a, (s) => (NAME.test(s) ? `https://${s}.app.perfectomobile.com` : hostUrl(s))),
    needsAccountId: false,
    needsAppKey: false,
    tokenPrompt: 'Perfecto security token (an administrator\'s)',
  },
  axp: {
    label: 'Avaya Experience Platform',
    addressPrompt: 'AXP API domain (e.g. na.api.avayacloud.com) or its https:// URL',
    addressPlaceholder: 'na.api.avayacloud.com',
    baseUrl: (a) => asUrl(a, hostUrl),
    needsAccountId: true,
    needsAppKey: true,
    tokenPrompt: 'AXP bearer token (OAuth2 client credentials)',
  },
  descope: {
    label: 'Descope',
    addressPrompt: 'Descope API address (press Enter for api.descope.com)',
    addressPlaceholder: 'api.descope.com',
    baseUrl: (a) => asUrl(a.trim() === '' ? 'api.descope.com' : a, hostUrl),
    needsAccountId: false,
    needsAppKey: false,
    tokenPrompt: 'Descope ProjectId:ManagementKey',
  },
  surfsight: {
    label: 'Surfsight',
    addressPrompt: 'Surfsight region or API URL',
    addressPlaceholder: 'api-prod.surfsight.net',
    baseUrl: (a) => asUrl(a, hostUrl),
    needsAccountId: false,
    needsAppKey: false,
    tokenPrompt: 'Surfsight bearer token',
    choices: [
      { label: 'US (api-prod.surfsight.net)', address: 'https://api-prod.surfsight.net' },
      { label: 'EU (api.de.surfsight.net)', address: 'https://api.de.surfsight.net' },
    ],
  },
  zluri: {
    label: 'Zluri',
    addressPrompt: 'Zluri API host (e.g. api-ext.zluri.com) or its https:// URL',
    addressPlaceholder: 'api-ext.zluri.com',
    baseUrl: (a) => asUrl(a, hostUrl),
    needsAccountId: false,
    needsAppKey: false,
    tokenPrompt: 'Zluri API key',
  },
};

/** What is wrong with a typed AXP account id, in the adapter's own words; undefined when nothing is. */
export function accountIdProblem(connection: Pick<Connection, 'id' | 'label' | 'vendor' | 'baseUrl'>, typed: string): string | undefined {
  return getAdapter(connection.vendor).validateConnection({ ...connection, accountId: typed.trim() });
}
