// Builds the .vsix users get, with the repository's own @vscode/vsce and the flags of
// `npm run package` (read from that script, so the two cannot drift), from the dist/ already
// bundled: unlike `npm run package` it neither type-checks nor bundles again. With
// --no-dependencies vsce does not run `npm list`, and packaging makes no network request.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './paths';

const vsceBin = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

interface Manifest {
  name: string;
  version: string;
  main: string;
  scripts: Record<string, string>;
}

/** The arguments `npm run package` gives `vsce package`. */
function packageFlags(script: string): string[] {
  const match = /(?:^|&&)\s*vsce package((?:\s+--[a-z-]+)*)\s*$/.exec(script);
  if (!match) throw new Error(`the "package" script no longer ends with "vsce package <flags>": ${script}`);
  return (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

/** Packages the extension into `outDir` and returns the .vsix file's path. */
export async function packageVsix(outDir: string): Promise<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  if (!fs.existsSync(path.join(repoRoot, manifest.main))) {
    throw new Error(`${manifest.main} is missing: run \`node esbuild.js\` before packaging`);
  }
  const script = manifest.scripts.package;
  if (!script) throw new Error('package.json has no "package" script to take the vsce flags from');
  const file = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  const args = [vsceBin, 'package', ...packageFlags(script), '--out', file];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { text += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(text);
      else reject(new Error(`vsce package failed (${signal ?? `exit ${code}`}):\n${text}`));
    });
  });
  if (!fs.existsSync(file)) throw new Error(`vsce reported success but wrote no ${file}:\n${output}`);
  return file;
}
