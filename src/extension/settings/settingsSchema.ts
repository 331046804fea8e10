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


/** The `auditLens.*` settings (package.json contributes.configuration), validated. */
export const settingsSchema = z.object({
  pageSize: z._default(z.partialRecord(z.enum(VENDORS), z.number().check(z.int(), z.gte(1), z.lte(10_000))), {}),
  maxEvents: z._default(z.number().check(z.int(), z.gte(1), z.lte(1_000_000)), 5000),
  requestTimeoutSeconds: z._default(z.number().check(z.int(), z.gte(1), z.lte(600)), 30),
  proxy: z._default(z.union([z.literal(''), z.url({ protocol: /^https?$/ })]), ''),
  extraCaFile: z._default(z.string(), ''),
  defaultTimeRange: z._default(duration, '24h'),
  traceTimeRange: z._default(duration, '7d'),
  columns: z._default(z.array(z.enum(COLUMN_IDS)).check(z.minLength(1)), [...DEFAULT_COLUMNS]),
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

/**
 * Validates each setting on its own: an invalid value falls back to its default and is
 * reported, so one typo does not disable every other setting.
 */
export function readSettings(get: (name: string, key: SettingKey) => unknown): { settings: Settings; problems: string[] } {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as SettingKey[]) {
    const value = get(SETTING_NAMES[key], key);
    if (value === undefined) continue;
    const result = shape[key].safeParse(value);
    if (result.success) raw[key] = value;
    else problems.push(`auditLens.${SETTING_NAMES[key]}: ${result.error.issues[0]?.message ?? 'invalid'}; using the default.`);
  }
  return { settings: settingsSchema.parse(raw), problems };
}
