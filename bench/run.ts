/**
 * `npm run bench`: every figure of docs/performance.md, each with its budget and PASS/MISS,
 * as a table on stdout and as JSON in bench-results/. Ratios compare against baselines
 * measured in the same run, because the machines are shared and noisy.
 * `npm run bench -- --only fetch,local` runs some sections (bundles, fetch, memory, local,
 * latency, panel, activation).
 */
import { cpus } from 'node:os';
import type { AuditEvent } from '../src/core/model';
import { benchActivation, benchBundles } from './activation';
import { benchFetch, mixedEvents } from './fetchThroughput';
import { type Figure, formatTable, verdict, writeResults } from './lib/figures';
import { startEmulators } from './lib/emulators';
import { DATA_WINDOW, NOW } from './lib/targets';
import { benchLatency } from './latencyHiding';
import { benchLocalOps } from './localOps';
import { benchMemory } from './memory';
import { benchPanel } from './panel';
import { benchSnapshotGrowth } from './snapshotGrowth';

const SECTIONS = ['bundles', 'fetch', 'memory', 'local', 'latency', 'panel', 'activation'] as const;
type Section = (typeof SECTIONS)[number];

function chosenSections(): Set<Section> {
  const at = process.argv.indexOf('--only');
  if (at < 0) return new Set(SECTIONS);
  const names = (process.argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--only takes a comma-separated list of: ${SECTIONS.join(', ')} (got "${process.argv[at + 1] ?? ''}")`);
  }
  return new Set(names as Section[]);
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<number> {
  const sections = chosenSections();
  const started = performance.now();
  const figures: Figure[] = [];
  const step = async (section: Section, work: () => Promise<Figure[]>): Promise<void> => {
    if (!sections.has(section)) return;
    const at = performance.now();
    log(`bench: ${section}…`);
    figures.push(...await work());
    log(`bench: ${section} took ${((performance.now() - at) / 1000).toFixed(0)} s`);
  };

  let mixed: AuditEvent[] | undefined;
  const loaded = async (): Promise<AuditEvent[]> => (mixed ??= await mixedEvents());
  await step('bundles', benchBundles);
  await step('fetch', async () => [...await benchFetch(log), ...await benchSnapshotGrowth()]);
  await step('memory', async () => {
    const fleet = await startEmulators({ counts: [100_000], latencyMs: 0, rateLimits: false, window: DATA_WINDOW, now: NOW });
    try {
      return await benchMemory(fleet.origin(100_000));
    } finally {
      await fleet.stop();
    }
  });
  await step('local', async () => benchLocalOps(await loaded()));
  await step('latency', () => benchLatency(log));
  await step('panel', async () => benchPanel(await loaded(), log));
  mixed = undefined;
  await step('activation', () => benchActivation(log));

  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`\n${formatTable(figures)}\n\n`);
  const file = writeResults(figures, {
    date: new Date().toISOString(), node: process.version, cpus: cpus().length, seconds: Math.round(seconds), sections: [...sections],
  });
  const missed = figures.filter((f) => verdict(f) === 'MISS').length;
  process.stdout.write(`${figures.length} figures, ${missed} missed budgets, in ${seconds.toFixed(0)} s. JSON: ${file}\n`);
  return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
