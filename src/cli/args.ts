import { parseArgs } from 'node:util';
import { AuditLensError } from '../core/errors';
import { EXPORT_FORMATS, type ExportFormat } from '../core/export/formats';
import { isVendorId, VENDORS, type AuditFilters, type AuditQuery, type Connection, type Credentials, type VendorId } from '../core/model';
import { parseQuickSearch, QueryParseError, type ParsedQuery } from '../core/query/parse';
import { dateProblem, durationProblem } from '../core/query/timeValues';
import { resolveQuery } from '../core/query/resolve';
import { checkHeaderSafe } from './headerSafe';

export const USAGE = `Usage: audit-lens search --vendor ${VENDORS.join('|')} --base-url URL
  [--account ID]                         AXP account id
  [--from ISO --to ISO | --since 24h]    default: the last 24 hours
  [--actor S] [--action S] [--resource-type S] [--resource-id S]
  [--status success|failure] [--trace-id S] [--text S] [--query "quick-search text"]
  [--limit N] [--format ndjson|json|csv|table]   default ndjson

Credentials come from the environment: AUDIT_LENS_TOKEN (Perfecto security token,
Descope ProjectId:ManagementKey, Surfsight bearer token, Zluri API key, AXP bearer token)
and AUDIT_LENS_APP_KEY (AXP app key).
Exit codes: 0 success, 2 usage error, 3 authentication or permission refused, 4 other failure,
130 interrupted by Ctrl-C (143 SIGTERM, 129 SIGHUP): the events fetched so far are printed.
audit-lens --version prints the version.`;

export interface SearchCommand {
  connection: Connection;
  credentials: Credentials;
  query: AuditQuery;
  format: ExportFormat | 'table';
}

/** A usage error, with the vendor when it is already known (for the `audit-lens: <vendor>:` prefix). */
function usageError(message: string, vendor?: VendorId): AuditLensError {
  return new AuditLensError('usage', message, { vendor });
}

const FLAG_FILTERS: ReadonlyArray<[flag: string, key: keyof AuditFilters]> = [
  ['actor', 'actor'], ['action', 'action'], ['resource-type', 'resourceType'], ['resource-id', 'resourceId'],
  ['status', 'status'], ['trace-id', 'traceId'], ['text', 'text'],
];

/** Parses `search …` arguments into a connection, credentials and a resolved query. */
export function parseSearchArgs(argv: string[], env: NodeJS.ProcessEnv, now: number): SearchCommand {
  const values = readFlags(argv);
  const vendorArg = values.vendor;
  if (!vendorArg) throw usageError(`--vendor is required (${VENDORS.join(', ')}).`);
  if (!isVendorId(vendorArg)) throw usageError(`unknown vendor "${vendorArg}"; use one of ${VENDORS.join(', ')}.`);
  const vendor = vendorArg;
  const baseUrl = values['base-url'];
  if (!baseUrl) throw usageError('--base-url is required: the origin plus any path prefix, e.g. https://acme.app.perfectomobile.com.', vendor);

  const format = values.format ?? 'ndjson';
  if (format !== 'table' && !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw usageError(`--format must be ndjson, json, csv or table, not "${format}".`, vendor);
  }
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!/^\d+$/.test(values.limit) || limit < 1) throw usageError(`--limit must be a positive whole number, not "${values.limit}".`, vendor);
  }

  const parsed = parseQueryFlag(values.query, vendor);
  for (const [flag, key] of FLAG_FILTERS) {
    const given = values[flag];
    if (given === undefined) continue;
    // An empty filter would match everything: the user meant something, so say what is missing.
    if (given.trim() === '') throw usageError(`--${flag} needs a value; leave the flag out to search without it.`, vendor);
    if (parsed.filters[key] !== undefined) throw usageError(`--${flag} and --query both set ${key}; give it once.`, vendor);
    // Case does not matter here, as it does not for status: in --query.
    const value = key === 'status' ? given.toLowerCase() : given;
    if (key === 'status' && value !== 'success' && value !== 'failure') {
      throw usageError(`--status must be success or failure, not "${given}".`, vendor);
    }
    (parsed.filters as Record<string, string>)[key] = value;
  }
  for (const flag of ['since', 'from', 'to'] as const) {
    const value = values[flag];
    if (value === undefined) continue;
    if (parsed[flag] !== undefined) throw usageError(`--${flag} and --query both set ${flag}; give it once.`, vendor);
    parsed[flag] = value;
  }
  if (parsed.since !== undefined && (parsed.from !== undefined || parsed.to !== undefined)) {
    throw usageError('use either --since or --from/--to, not both.', vendor);
  }
  const sinceProblem = parsed.since === undefined ? undefined : durationProblem(parsed.since);
  if (sinceProblem) throw usageError(`--since takes ${sinceProblem}, not "${parsed.since}".`, vendor);
  for (const flag of ['from', 'to'] as const) {
    const value = parsed[flag];
    const problem = value === undefined ? undefined : dateProblem(value);
    if (problem) throw usageError(`--${flag} takes ${problem}, not "${value}".`, vendor);
  }
  let query: AuditQuery;
  try {
    query = resolveQuery(parsed, { now, defaultSince: '24h', limit });
  } catch (error) {
    throw usageError((error as Error).message, vendor);
  }

  if (values.account !== undefined && vendor !== 'axp') {
    throw usageError(`--account is the AXP account id; ${vendor} has none, so leave it out.`, vendor);
  }
  checkHeaderSafe('AUDIT_LENS_TOKEN', env.AUDIT_LENS_TOKEN, vendor);
  // The app key is sent to AXP only; another vendor's search ignores it (it is still redacted from the output).
  if (vendor === 'axp') checkHeaderSafe('AUDIT_LENS_APP_KEY', env.AUDIT_LENS_APP_KEY, vendor);
  const token = env.AUDIT_LENS_TOKEN?.trim() ?? '';
  const appKey = vendor === 'axp' ? env.AUDIT_LENS_APP_KEY?.trim() || undefined : undefined;
  if (token === '' && !(vendor === 'axp' && appKey)) {
    throw usageError('set AUDIT_LENS_TOKEN to the credential for this vendor (see "audit-lens --help").', vendor);
  }
  const connection: Connection = {
    id: `cli-${vendor}`, label: vendor, vendor, baseUrl, ...(values.account ? { accountId: values.account } : {}),
  };
  return { connection, credentials: { token, ...(appKey ? { appKey } : {}) }, query, format: format as SearchCommand['format'] };
}

const OPTION_NAMES = [
  'vendor', 'base-url', 'account', 'from', 'to', 'since', 'query', 'limit', 'format', ...FLAG_FILTERS.map(([flag]) => flag),
];

/** The flags given, each at most once: a second value would otherwise silently replace the first. */
function readFlags(argv: string[]): Record<string, string | undefined> {
  let parsed: Record<string, string[] | undefined>;
  try {
    ({ values: parsed } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(OPTION_NAMES.map((name) => [name, { type: 'string' as const, multiple: true }])),
    }) as { values: Record<string, string[] | undefined> });
  } catch (error) {
    throw usageError(`${(error as Error).message.replace(/\.+$/, '')}. Run "audit-lens --help" for the options.`);
  }
  const vendor = parsed.vendor?.length === 1 && isVendorId(parsed.vendor[0] as string) ? parsed.vendor[0] as VendorId : undefined;
  const values: Record<string, string | undefined> = {};
  for (const [name, given] of Object.entries(parsed)) {
    if (given && given.length > 1) {
      throw usageError(`--${name} given ${given.length === 2 ? 'twice' : `${given.length} times`}; give it once.`, vendor);
    }
    values[name] = given?.[0];
  }
  return values;
}

function parseQueryFlag(text: string | undefined, vendor: VendorId): ParsedQuery {
  if (text === undefined) return { filters: {} };
  try {
    return parseQuickSearch(text);
  } catch (error) {
    if (error instanceof QueryParseError) {
      throw usageError(`--query: ${error.message}`, vendor);
    }
    throw error;
  }
}
