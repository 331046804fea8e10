/**
 * Profiles the panel in Chromium over the bench's 100k events: the filter keystrokes and the
 * scroll frames of `bench/panel.ts`, each recorded by the page's V8 profiler.
 * `npx tsx bench/panelProfile.ts [events.json]` writes bench-results/profiles/panel-{typing,scroll}.cpuprofile
 * (summarize with `npx tsx bench/summarizeProfile.ts <file>`). With a JSON file of events
 * (an array of normalized events) it skips fetching them from the emulator.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AuditEvent } from '../src/core/model';
import { launch, openPanel } from '../test/webview/harness';
import { mixedEvents } from './fetchThroughput';
import { median, percentile } from './lib/stats';
import { keystrokes, scrollFrames, stage, streamAndPaint, TYPED } from './panel';

const OUT = 'bench-results/profiles';

async function main(): Promise<void> {
  const file = process.argv[2];
  const events = file ? JSON.parse(readFileSync(file, 'utf8')) as AuditEvent[] : await mixedEvents();
  mkdirSync(OUT, { recursive: true });
  const browser = await launch();
  try {
    const panel = await openPanel(browser, { width: 1400, height: 860 });
    await panel.page.evaluate('window.__name = (fn) => fn');
    await stage(panel, events, 1);
    process.stdout.write(`rows painted: ${(await streamAndPaint(panel, events.length)).toFixed(0)} ms\n`);
    const cdp = await panel.page.context().newCDPSession(panel.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const profiled = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      await cdp.send('Profiler.start');
      const result = await work();
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(`${OUT}/panel-${name}.cpuprofile`, JSON.stringify(profile));
      return result;
    };
    const typed = await profiled('typing', () => keystrokes(panel, TYPED));
    process.stdout.write(`keystrokes: ${typed.map((t) => t.toFixed(0)).join(' ')} ms (median ${median(typed).toFixed(0)})\n`);
    const { work } = await profiled('scroll', () => scrollFrames(panel));
    process.stdout.write(`scroll frame work: median ${median(work).toFixed(1)} ms, p95 ${percentile(work, 95).toFixed(1)} ms\n`);
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
