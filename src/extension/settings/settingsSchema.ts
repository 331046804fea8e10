import { COLUMN_IDS, DEFAULT_COLUMNS } from '../../shared/columns';
import * as z from 'zod/mini';
import { VENDORS } from '../../core/model';
import { durationProblem } from '../../core/query/timeValues';
import '../../core/validationMessages';

/** A range the quick-search parser accepts as `since:` (longer than zero, at most 100 years). */
const duration = z.string().check(
  z.regex(/^\d+[smhdw]$/, 'use a duration like 24h or 7d'),
  z.refine((value) => durationProblem(value) === undefined, 'use a duration longer than zero and at most 100 years, like 24h or 7d'),
);


const vendorPageSize = z.number().check(z.int(), z.gte(1), z.lte(10_000));

/** Columns in order, each at most once, as package.json's `uniqueItems` says. */
const columns = z.array(z.enum(COLUMN_IDS)).check(
  z.minLength(1),
  z.refine((list) => new Set(list).size === list.length, 'list each column once'),
);

/** The `auditLens.*` settings (package.json contributes.configuration), validated. */
export const settingsSchema = z.object({
  pageSize: z._default(z.partialRecord(z.enum(VENDORS), vendorPageSize), {}),
  maxEvents: z._default(z.number().check(z.int(), z.gte(1), z.lte(1_000_000)), 5000),
  requestTimeoutSeconds: z._default(z.number().check(z.int(), z.gte(1), z.lte(600)), 30),
  proxy: z._default(z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'use an http:// or https:// URL like http://proxy.corp:3128' })]), ''),
  extraCaFile: z._default(z.string(), ''),
  defaultTimeRange: z._default(duration, '24h'),
  traceTimeRange: z._default(duration, '7d'),
  columns: z._default(columns, [...DEFAULT_COLUMNS]),
  traceLinksEnabled: z._default(z.boolean(), true),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

/** The setting name under `auditLens.` for each key. */
export const SETTING_NAMES: Record<SettingKey, string> = {
  pageSize: 'pageSize',
  maxEvents: 'maxEvents',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  proxy: 'proxy',
  extraCaFile: 'extraCaFile',
  defaultTimeRange: 'defaultTimeRange',
  traceTimeRange: 'traceTimeRange',
  columns: 'columns',
  traceLinksEnabled: 'traceLinks.enabled',
};

/** Settings a workspace must not be able to set: read from user (global) values only. */
export const USER_ONLY: ReadonlySet<SettingKey> = new Set(['proxy', 'extraCaFile']);

export interface SettingsReading {
  settings: Settings;
  /** One sentence per mistake, naming the setting (and the key or item within it). */
  problems: string[];
  /** The settings with a mistake, each once. */
  invalid: SettingKey[];
}

/**
 * Validates each setting on its own: an invalid value falls back to its default and is
 * reported, so one typo does not disable every other setting. Within `pageSize` each vendor
 * stands on its own too, and repeated columns are dropped with a note.
 */
export function readSettings(get: (name: string, key: SettingKey) => unknown): SettingsReading {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  const invalid = new Set<SettingKey>();
  const report = (key: SettingKey, problem: string): void => {
    problems.push(problem);
    invalid.add(key);
  };
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as SettingKey[]) {
    const name = `auditLens.${SETTING_NAMES[key]}`;
    let value = get(SETTING_NAMES[key], key);
    if (value === undefined) continue;
    if (key === 'pageSize' && isPlainObject(value)) {
      raw[key] = readPageSize(value, (problem) => report(key, problem));
      continue;
    }
    if (key === 'columns' && Array.isArray(value)) {
      const once = [...new Set(value)];
      if (once.length < value.length) {
        report(key, `${name}: lists ${repeated(value).map((item) => JSON.stringify(item)).join(', ')} more than once; showing each column once.`);
        value = once;
      }
    }
    const result = shape[key].safeParse(value);
    if (result.success) {
      raw[key] = value;
      continue;
    }
    const issue = result.error.issues[0];
    const consequence = key === 'proxy'
      ? 'vendor requests are refused until it is fixed, so that none bypass your proxy (clear it to use HTTPS_PROXY/HTTP_PROXY or a direct connection).'
      : 'using the default.';
    report(key, `${name}${pathText(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}; ${consequence}`);
  }
  return { settings: settingsSchema.parse(raw), problems, invalid: [...invalid] };
}

/** Each vendor's page size on its own: one mistake leaves the other vendors' sizes in force. */
function readPageSize(value: Record<string, unknown>, report: (problem: string) => void): Partial<Record<(typeof VENDORS)[number], number>> {
  const sizes: Partial<Record<(typeof VENDORS)[number], number>> = {};
  for (const [vendor, size] of Object.entries(value)) {
    const name = `auditLens.pageSize.${vendor}`;
    if (!(VENDORS as readonly string[]).includes(vendor)) {
      report(`${name}: not a vendor (use ${VENDORS.join(', ')}); ignoring it.`);
      continue;
    }
    const result = vendorPageSize.safeParse(size);
    if (result.success) sizes[vendor as (typeof VENDORS)[number]] = result.data;
    else report(`${name}: ${result.error.issues[0]?.message ?? 'invalid'}; using ${vendor}'s default page size.`);
  }
  return sizes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function repeated(list: unknown[]): unknown[] {
  return [...new Set(list.filter((item, index) => list.indexOf(item) !== index))];
}

/** An issue path as written in settings.json terms: `[1]` for an item, `.key` for a key. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
}
