// `npm run test:vscode`: bundles the integration suites, starts VS Code with the
// extension, runs the suites inside its extension host and exits with their result.
// Four windows run one after the other: a trusted one with every other suite, one in
// Restricted Mode (workspace trust on, the folder not trusted) with *.untrusted.test.ts, a
// multi-root workspace of two folders with *.multiroot.test.ts, and one with
// *.packaged.test.ts where the extension is not the repository but installed from the
// .vsix that `npm run package` would build (packaged from dist/ as it is). Options:
// --grep <pattern> runs only matching tests; AUDIT_LENS_VSCODE_TIMEOUT_S caps the whole
// run (default 600); AUDIT_LENS_VSCODE_VERBOSE=1 also prints the workbench and server logs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSuite } from './buildSuite';
import { testOutput } from './hostOutput';
import { launchVSCode, VSCodeSession } from './launch';
import { packageVsix } from './packageVsix';
import { cleanupOnExit } from './processes';

const timeoutSeconds = Number(process.env.AUDIT_LENS_VSCODE_TIMEOUT_S ?? 600);

function log(message: string): void {
  process.stderr.write(`[test:vscode] ${message}\n`);
}

interface Window {
  name: string;
  /** Which suites run there: told to the suite index through AUDIT_LENS_TEST_WINDOW. */
  suites: 'trusted' | 'untrusted' | 'multiroot' | 'packaged';
  trusted: boolean;
  extraFolders?: number;
  /** Install the extension from a freshly packaged .vsix instead of running the repository. */
  packaged?: boolean;
}

const WINDOWS: readonly Window[] = [
  { name: 'trusted window', suites: 'trusted', trusted: true },
  { name: 'Restricted Mode window (*.untrusted.test.ts)', suites: 'untrusted', trusted: false },
  { name: 'multi-root window (*.multiroot.test.ts)', suites: 'multiroot', trusted: true, extraFolders: 1 },
  { name: 'packaged window (*.packaged.test.ts)', suites: 'packaged', trusted: true, packaged: true },
];

interface WindowResult {
  ok: boolean;
  /** From the runner's "N passed, M failed" line; undefined when it never printed one. */
  passed?: number;
  failed?: number;
}

async function runWindow(window: Window, entry: string, deadline: number): Promise<WindowResult> {
  const started = Date.now();
  const result: WindowResult = { ok: false };
  let session: VSCodeSession | undefined;
  let timer: NodeJS.Timeout | undefined;
  let forgetVsix: (() => void) | undefined;
  try {
    let installedFrom: string | undefined;
    if (window.packaged) {
      const vsixDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-vsix-'));
      const removeVsix = () => fs.rmSync(vsixDir, { recursive: true, force: true });
      const forget = cleanupOnExit(removeVsix);
      forgetVsix = () => { removeVsix(); forget(); };
      installedFrom = await packageVsix(vsixDir);
      log(`${window.name}: packaged ${path.basename(installedFrom)} in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const verbose = Boolean(process.env.AUDIT_LENS_VSCODE_VERBOSE);
    session = await launchVSCode({
      extension: installedFrom ? { installedFrom } : undefined,
      extensionTestsPath: entry,
      trustWorkspace: window.trusted,
      extraFolders: window.extraFolders,
      env: { AUDIT_LENS_TEST_WINDOW: window.suites },
      // The trust prompt would cover the workbench; Restricted Mode itself is what is tested.
      settings: window.trusted ? {} : { 'security.workspace.trust.startupPrompt': 'never' },
      onLog: (_level, message) => {
        const output = testOutput(message);
        if (output === undefined) {
          if (verbose) process.stderr.write(`[workbench] ${message}\n`);
          return;
        }
        process.stdout.write(`${output}\n`);
        const summary = /^(\d+) passed, (\d+) failed$/m.exec(output);
        if (summary) {
          result.passed = Number(summary[1]);
          result.failed = Number(summary[2]);
        }
      },
    });
    log(`${window.name}: VS Code started at ${session.serverUrl}; running suites in the extension host`);
    const timedOut = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now())); });
    const code = await Promise.race([session.exitCode, timedOut]);
    if (code === 'timeout') {
      log(`${window.name}: no result before the ${timeoutSeconds} s limit: the extension host hung. Last server output:\n${session.serverLog()}`);
      return result;
    }
    log(`${window.name}: extension host exited with code ${code} after ${Math.round((Date.now() - started) / 1000)} s`);
    result.ok = code === 0;
    return result;
  } finally {
    clearTimeout(timer);
    await session?.close();
    forgetVsix?.();
  }
}

async function main(): Promise<number> {
  const grepIndex = process.argv.indexOf('--grep');
  // The extension host inherits the server's environment, and so this process's.
  if (grepIndex > 0) process.env.AUDIT_LENS_TEST_GREP = process.argv[grepIndex + 1];
  process.env.AUDIT_LENS_TEST_COLOR = process.stdout.isTTY ? '1' : '0';

  const started = Date.now();
  const deadline = started + timeoutSeconds * 1000;
  const entry = await buildSuite();
  const results: Array<[Window, WindowResult]> = [];
  for (const window of WINDOWS) results.push([window, await runWindow(window, entry, deadline)]);

  const counts = (r: WindowResult) => (r.passed === undefined ? 'no result' : `${r.passed} passed, ${r.failed} failed`);
  for (const [window, result] of results) log(`${window.name}: ${counts(result)}`);
  const passed = results.reduce((sum, [, r]) => sum + (r.passed ?? 0), 0);
  const failed = results.reduce((sum, [, r]) => sum + (r.failed ?? 0), 0);
  log(`total: ${passed} passed, ${failed} failed in ${Math.round((Date.now() - started) / 1000)} s`);
  if (passed === 0) log('no integration test ran');
  return results.every(([, r]) => r.ok) && failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
  },
);
