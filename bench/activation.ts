/**
 * Item 7: bundle sizes of a fresh production build, and the time VS Code's extension host
 * takes to load the extension and run `activate()` (in a real VS Code server, through the
 * integration-test harness in test/vscode/harness).
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { launchVSCode } from '../test/vscode/harness/launch';
import type { Figure } from './lib/figures';
import { median } from './lib/stats';

const ROOT = path.resolve(__dirname, '..');
const KB = 1000;
const LAUNCHES = 3;
const LAUNCH_TIMEOUT_MS = 120_000;
const MARKER = '[audit-lens-bench] ';

export async function benchBundles(): Promise<Figure[]> {
  await promisify(execFile)(process.execPath, ['esbuild.js'], { cwd: ROOT });
  const size = (file: string): number => statSync(path.join(ROOT, file)).size / KB;
  return [
    { section: '7 bundles', name: 'dist/extension.js (minified)', value: size('dist/extension.js'), unit: ' KB', budget: { max: 400 } },
    { section: '7 bundles', name: 'dist/webview/panel.js (minified)', value: size('dist/webview/panel.js'), unit: ' KB', budget: { max: 150 } },
    { section: '7 bundles', name: 'dist/webview/panel.css', value: size('dist/webview/panel.css'), unit: ' KB', note: 'codicon font not counted' },
  ];
}

async function buildProbe(): Promise<string> {
  const outdir = path.join(ROOT, '.cache', 'bench-activation');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'activation', 'hostProbe.ts')],
    outdir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
  });
  return path.join(outdir, 'hostProbe');
}

interface ProbeResult {
  /** From the probe's `extension.activate()` call until it resolved: VS Code's loading of the module included. */
  ms: number;
  /** The extension's own `activate()` body, as it measured itself. */
  activateMs?: number;
  wasActive: boolean;
}

async function oneActivation(probe: string): Promise<ProbeResult> {
  let result: ProbeResult | undefined;
  const session = await launchVSCode({
    extensionTestsPath: probe,
    onLog: (_level, message) => {
      const at = message.indexOf(MARKER);
      if (at >= 0) result = JSON.parse(message.slice(at + MARKER.length).split('\n')[0] as string) as typeof result;
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), LAUNCH_TIMEOUT_MS); });
    const code = await Promise.race([session.exitCode, timeout]);
    if (code !== 0) throw new Error(code === 'timeout' ? 'the extension host did not finish in time' : `the extension host exited with ${code}`);
  } finally {
    clearTimeout(timer);
    await session.close();
  }
  if (!result) throw new Error('the probe printed no result');
  return result;
}

export async function benchActivation(log: (line: string) => void): Promise<Figure[]> {
  const own: number[] = [];
  const total: number[] = [];
  let note = `the extension's activate() body, median of ${LAUNCHES} VS Code starts`;
  try {
    const probe = await buildProbe();
    for (let i = 0; i < LAUNCHES; i++) {
      const { ms, activateMs, wasActive } = await oneActivation(probe);
      if (wasActive) throw new Error('VS Code had already activated the extension before the probe ran');
      if (activateMs === undefined) throw new Error('the extension did not report its activation time');
      log(`  activation ${i + 1}: activate() ${activateMs.toFixed(1)} ms; with VS Code loading the module ${ms.toFixed(1)} ms`);
      own.push(activateMs);
      total.push(ms);
    }
  } catch (error) {
    note = `not measured: ${(error as Error).message}`;
  }
  return [
    {
      section: '7 activation', name: 'activate() in the extension host', value: own.length > 0 ? median(own) : null,
      unit: ' ms', budget: { max: 20 }, samples: own, note,
    },
    {
      section: '7 activation', name: 'extension.activate() incl. module load', value: total.length > 0 ? median(total) : null,
      unit: ' ms', samples: total, note: 'from the probe: VS Code resolving, loading dist/extension.js and calling activate()',
    },
  ];
}
