// Bundles test/vscode/suite (the runner entry and every *.test.ts in it) into
// .cache/vscode-suite as CommonJS for the extension host. vscode and mocha stay external:
// the host provides vscode, and mocha resolves from the repo's node_modules.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, suiteBundleDir } from './paths';

const suiteSourceDir = path.join(repoRoot, 'test', 'vscode', 'suite');

function suiteSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return suiteSources(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Returns the absolute path of the bundled runner entry (without extension). */
export async function buildSuite(): Promise<string> {
  fs.rmSync(suiteBundleDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(suiteSourceDir, 'index.ts'), ...suiteSources(suiteSourceDir)],
    outbase: suiteSourceDir,
    outdir: suiteBundleDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(suiteBundleDir, 'index');
}
