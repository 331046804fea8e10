// `npm run test:electron`: the same integration suites in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (CI here cannot: it uses
// `npm run test:vscode`). On Linux without a display, run it under xvfb-run.
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSuite } from './buildSuite';
import { repoRoot } from './paths';

async function main(): Promise<number> {
  const extensionTestsPath = await buildSuite();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-electron-'));
  try {
    return await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[test:electron] ${err instanceof Error ? err.message : String(err)}\n`
      + '[test:electron] desktop VS Code must be downloadable for this; without network use `npm run test:vscode`.\n');
    process.exit(1);
  },
);
